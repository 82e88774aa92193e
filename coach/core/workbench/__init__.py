"""The trainer's workbench: what `coach new`, `coach schema`, `coach test` and the author screen
stand on. It sits above practice (it plays personas and walks playbooks) and below the UI.

    skeletons   commented files that validate as written (`coach new`)
    schema      JSON Schemas derived from the loader itself (`coach schema`)
    walks       seeded random walks through every playbook, with coverage
    crossval    the classifier measured on statements it never saw (k-fold)
    personas    every persona played with a model script and a poor one
    suite       everything `coach test` runs, with the previous run kept for comparison
"""
