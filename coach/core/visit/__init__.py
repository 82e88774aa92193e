"""The visit at the counter: the walkthrough state machine, the counter session, the calculators.

    engine      `Walkthrough`: where a session stands in a playbook
    counter     `CounterSession`: statements, playbooks, outcomes and the transcript of one visit
    calc        the commission and bundle calculators
"""
