"""Content: the playbooks folder read into frozen dataclasses, with every problem at file:line:col.

    model       the frozen dataclasses (Library, Cause, Playbook, Step, Firm, ...)
    yamlpos     a safe YAML loader that keeps each value's position
    problems    `Problem` values and their text and JSON forms
    fields      typed reads of a mapping, each misfit a problem
    causes_file, catalogue, firm_file, cases   one loader per kind of file
    labelled    labelled statements (phrasings.yaml)
    terms       `{term}` expansion in cause patterns
    rules       the checks beyond the schema (step graph, cross-references)
    library     `load_library(root)`: the whole folder
    check       `check_folder(root, extra)`: what `coach validate` reports
    variables   template variables and how figures are written

Imports nothing from the other parts of the core.
"""
