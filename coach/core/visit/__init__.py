"""The visit at the counter: the walkthrough state machine, the counter session, the calculators.

    engine         `Walkthrough`: where a session stands in a playbook
    engine_errors  what the walkthrough cannot do (`EngineError` and its kinds)
    reactions      the reactions a step offers (`Choice`)
    counter        `CounterSession`: statements, playbooks, outcomes and the transcript of one visit
    calc           the commission and bundle calculators
"""
