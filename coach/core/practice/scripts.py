"""Model replies written from the playbook: for a demo, a hint key, and tests.

`model_reply(session)` is what a trainee who follows the playbook would say next: ask while the
client holds something back, offer the one-week trial once the client insists, otherwise the
next technique that suits the cause in the case file's order, with a word for the client's
feelings first while they are upset. On a call the first reply is the outreach playbook's
opening (who is calling, is it a good time) and a client who asks not to be called again hears
the playbook's polite close and nothing more; with the playbook's techniques all used, the trainee
offers what the playbook ends in (the trial; on a call, the appointment). `model_script` plays a whole session that way and returns
the replies, which replayed with the same seed give the same session.
"""

from __future__ import annotations

from coach.core.content.model import Library
from coach.core.practice.guide import call_opening, closing_line, model_line, next_technique
from coach.core.practice.personas import Persona
from coach.core.practice.simulation import Session

GREETING = {"zh": "您好，请坐。", "en": "Hello, please take a seat. "}
FOLLOW_UP = {"zh": "您能再跟我说说具体是怎么回事吗？", "en": "Could you tell me a little more about what happened?"}
MAX_TURNS = 12


def model_reply(session: Session) -> str:
    persona, library = session.persona, session.library
    used = set(session.used)
    lang = session.lang

    def line(technique: str) -> str:
        return model_line(technique, persona, library, session.values, lang)

    parts: list[str] = []
    if persona.outbound:
        if session.insisted:
            return closing_line(persona, library, session.values, lang) or line("graceful_exit")
        if not session.turns:
            opening = call_opening(persona, library, session.values, lang)
            if opening:
                return opening
    elif not session.turns:
        parts.append(GREETING.get(lang, GREETING["zh"]))
    if session.holding_back:
        if "listen_and_clarify" not in used:
            parts.append(line("listen_and_clarify"))
        else:
            comfort = [t for t in persona.behaviour.feelings if t in persona.softens and t not in used]
            if comfort:
                parts.append(line(max(comfort, key=lambda t: persona.softens[t])))
            parts.append(FOLLOW_UP.get(lang, FOLLOW_UP["zh"]))
        return "".join(parts)
    if session.insisted and "trial" in persona.accepts and not session.trial_offered:
        technique = "one_week_trial"
    else:
        skip = ("listen_and_clarify",) if session.turns else ()
        technique = next_technique(persona, library, used, skip=skip) or _offer_again(session)
    feelings = persona.behaviour.feelings
    if session.mood < persona.behaviour.upset_below and technique not in feelings:
        comfort = [t for t in feelings if t in persona.softens]
        fresh = [t for t in comfort if t not in used] or comfort
        if fresh:
            parts.append(line(max(fresh, key=lambda t: persona.softens[t])))
    if technique:
        parts.append(line(technique))
    return "".join(parts) or line("empathy")


def model_script(persona: Persona, library: Library, *, seed: int = 0,
                 difficulty: str | None = None, lang: str = "zh") -> list[str]:
    """The replies of a whole model session (ends when the client decides)."""
    session = Session(persona, library, seed=seed, difficulty=difficulty, lang=lang)
    replies: list[str] = []
    while not session.finished and len(replies) < MAX_TURNS:
        text = model_reply(session)
        replies.append(text)
        session.reply(text)
    return replies


def _offer_again(session: Session) -> str:
    """With the playbook's techniques all used, what a trainee who follows it does next: offer
    the one-week trial if not yet offered; on a call, offer the appointment the outreach playbook
    ends in (again, if an earlier reply already made it while the client was still cold)."""
    roles = session.roles
    if roles.offer not in session.persona.accepts or not roles.offers:
        return ""
    if session.trial_offered and not session.persona.outbound:
        return ""  # at the counter the trial is offered once
    return min(roles.offers)
