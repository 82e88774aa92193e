"""One persona file, or `_defaults.yaml`, read into the model with every misfit as a `Problem`
(file:line:column); `personas.load_personas` reads the folder with these."""

from __future__ import annotations

from pathlib import Path

from coach.core.content.fields import Fields
from coach.core.content.model import CAUSE_IDS, OUTCOMES
from coach.core.content.problems import Problem, choices_hint, has_errors
from coach.core.content.yamlpos import YList, YMap, load_yaml
from coach.core.practice.persona_model import (
    CALL_ENDS,
    CALL_WINS,
    DEFAULTS_FILE,
    DIFFICULTIES,
    MOOD_MAX,
    MOOD_MIN,
    STAGES,
    Behaviour,
    HeldBack,
    Persona,
    Profile,
)


def _mapping_tree(path: Path, problems: list[Problem]) -> YMap | None:
    tree, found = load_yaml(path)
    problems.extend(found)
    if has_errors(found):
        return None  # a file that does not parse cleanly: its schema errors would only be noise
    if tree is None:
        if not found:
            problems.append(Problem(str(path), 0, 0, "error", "empty-file", "the file is empty",
                                    "see playbooks/README.md for what a persona file holds"))
        return None
    if not isinstance(tree, YMap):
        problems.append(Problem(str(path), 1, 1, "error", "wrong-type",
                                "the file should be a mapping (key: value lines)",
                                "start with 'id: ...' on the first line"))
        return None
    return tree


def _weights(node: YMap, key: str, what: str, problems: list[Problem],
             known: set[str] | None, kind: str, *, minimum: float = 0.0) -> dict[str, float]:
    value = node.get(key)
    if value is None:
        return {}
    if not isinstance(value, YMap):
        problems.append(Problem.at(node.at(key), "wrong-type",
                                   f"'{key}' in {what} should be a mapping of {kind} ids to weights",
                                   f"write one '{kind}_id: weight' per line"))
        return {}
    out: dict[str, float] = {}
    for ident, weight in value.items():
        if known is not None and ident not in known:
            problems.append(Problem.at(value.key_at(ident), f"unknown-{kind}",
                                       f"unknown {kind} '{ident}' in '{key}' of {what}",
                                       choices_hint(ident, known, what=f"{kind}s")))
            continue
        if isinstance(weight, bool) or not isinstance(weight, int | float) or weight < minimum:
            problems.append(Problem.at(value.at(ident), "bad-value",
                                       f"the weight of '{ident}' in '{key}' of {what} should be "
                                       f"a number of at least {minimum:g}",
                                       "0.5 a little .. 3 a lot"))
            continue
        out[str(ident)] = float(weight)
    return out


def _line_lists(node: YMap, key: str, what: str, problems: list[Problem],
                known: tuple[str, ...] | set[str] | None, kind: str) -> dict[str, tuple[str, ...]]:
    """`key: {id: [lines] or line}`."""
    value = node.get(key)
    if value is None:
        return {}
    if not isinstance(value, YMap):
        problems.append(Problem.at(node.at(key), "wrong-type",
                                   f"'{key}' in {what} should be a mapping of {kind} to lines",
                                   f"write '{kind}:' and its lines indented under it"))
        return {}
    out: dict[str, tuple[str, ...]] = {}
    for ident, lines in value.items():
        if known is not None and ident not in known:
            problems.append(Problem.at(value.key_at(ident), f"unknown-{kind}",
                                       f"unknown {kind} '{ident}' in '{key}' of {what}",
                                       choices_hint(ident, known, what=f"{kind}s")))
            continue
        if isinstance(lines, str):
            items = [lines]
            positions = [value.at(ident)]
        elif isinstance(lines, YList):
            items = list(lines)
            positions = [lines.at(i) for i in range(len(lines))]
        else:
            problems.append(Problem.at(value.at(ident), "wrong-type",
                                       f"'{ident}' in '{key}' of {what} should be a line or a list of lines",
                                       "write each line on its own '- ' line"))
            continue
        good: list[str] = []
        for item, pos in zip(items, positions, strict=True):
            if not isinstance(item, str) or not item.strip():
                problems.append(Problem.at(pos, "wrong-type",
                                           f"a line of '{ident}' in '{key}' of {what} should be text",
                                           "put the line in quotes if it starts with a special character"))
            else:
                good.append(item.strip())
        if not good:
            problems.append(Problem.at(value.at(ident), "empty-lines",
                                       f"'{ident}' in '{key}' of {what} has no lines",
                                       "give at least one line"))
        out[str(ident)] = tuple(good)
    return out


def load_behaviour(path: Path, problems: list[Problem], fields_cls: type,
                    violations: set[str] | None) -> Behaviour:
    tree = _mapping_tree(path, problems)
    if tree is None:
        return Behaviour()
    what = DEFAULTS_FILE
    f = fields_cls(tree, what, problems)
    f.allow((), ("violations", "violation_patience", "max_gain", "feelings", "ignored_feelings",
                 "upset_below", "empty_reply", "repeat_factor", "guarded_factor",
                 "reveal_bonus", "walk_out_at", "on_violation"))
    base = Behaviour()
    weights = _weights(tree, "violations", what, problems, violations, "violation")
    return Behaviour(
        violations={**base.violations, **weights},
        violation_patience=f.integer("violation_patience", base.violation_patience),
        max_gain=f.number("max_gain", base.max_gain, minimum=0.1),
        feelings=f.strings("feelings") or base.feelings,
        ignored_feelings=f.number("ignored_feelings", base.ignored_feelings, minimum=0),
        upset_below=f.number("upset_below", base.upset_below),
        empty_reply=f.number("empty_reply", base.empty_reply, minimum=0),
        repeat_factor=f.number("repeat_factor", base.repeat_factor, minimum=0),
        guarded_factor=f.number("guarded_factor", base.guarded_factor, minimum=0),
        reveal_bonus=f.number("reveal_bonus", base.reveal_bonus, minimum=0),
        walk_out_at=f.number("walk_out_at", base.walk_out_at),
        on_violation=_line_lists(tree, "on_violation", what, problems, violations, "violation"),
    )


_PERSONA_KEYS_REQUIRED = ("id", "difficulty", "name", "background", "mood", "patience",
                          "openings", "softens", "accepts", "objections", "warming", "decisions")
_PERSONA_KEYS_OPTIONAL = ("causes", "outreach", "profile", "hardens", "holds_back", "responses", "on_violation", "steps")
_PROFILE_KEYS = ("age", "capital", "years", "loss", "turnover", "trades", "our_rate", "their_rate",
                 "their_no_minimum", "family_accounts", "family_turnover", "moved_out")


def load_persona(path: Path, behaviour: Behaviour, problems: list[Problem], fields_cls: type,
                 techniques: set[str] | None, violations: set[str] | None,
                 outreach_ids: set[str] | None = None) -> Persona | None:
    """A persona file: a client at the counter (`causes`) or one the trainee phones (`outreach`,
    an outreach playbook's id; `outreach_ids` the ids to check it against, None: not checked)."""
    tree = _mapping_tree(path, problems)
    if tree is None:
        return None
    ident = tree.get("id") if isinstance(tree.get("id"), str) else path.stem
    what = f"persona '{ident}'"
    f = fields_cls(tree, what, problems)
    f.allow(_PERSONA_KEYS_REQUIRED, _PERSONA_KEYS_OPTIONAL)

    pid = f.string("id")
    if pid and pid != path.stem:
        problems.append(Problem.at(tree.at("id"), "id-mismatch",
                                   f"{what} is in the file {path.name}",
                                   f"name the file {pid}.yaml, or set 'id: {path.stem}'",
                                   level="warning"))
    causes, outreach = _who(tree, what, f, outreach_ids)
    difficulty = f.string("difficulty")
    if difficulty and difficulty not in DIFFICULTIES:
        f.error(tree.at("difficulty"), "bad-value", f"difficulty '{difficulty}' of {what} is not known",
                choices_hint(difficulty, DIFFICULTIES, what="difficulties"))
    mood = f.number("mood", 0.0)
    if not MOOD_MIN < mood < MOOD_MAX:
        f.error(tree.at("mood"), "bad-value", f"the mood of {what} is {mood:g}; it must lie between -5 and 5",
                "-5 is furious, 0 undecided, 5 won over; a client who walks in usually starts below 0")
    patience = f.integer("patience", 6, minimum=2)
    openings = f.strings("openings")
    if "openings" in tree and not openings:
        f.error(tree.at("openings"), "empty-lines", f"{what} has no opening lines", "give at least one")

    profile = _profile(tree, what, problems, fields_cls)
    softens = _weights(tree, "softens", what, problems, techniques, "technique")
    if "softens" in tree and not softens and not has_errors(problems):
        f.error(tree.at("softens"), "empty-lines", f"nothing softens {what}",
                "list the techniques that suit the client's cause with their weights")
    hardens_node = f.mapping("hardens")
    hardens: dict[str, float] = {}
    violation_weights = dict(behaviour.violations)
    ignored = behaviour.ignored_feelings
    if hardens_node is not None:
        h = fields_cls(hardens_node, f"'hardens' of {what}", problems)
        h.allow((), ("techniques", "violations", "ignored_feelings"))
        hardens = _weights(hardens_node, "techniques", what, problems, techniques, "technique")
        violation_weights.update(
            _weights(hardens_node, "violations", what, problems, violations, "violation")
        )
        ignored = h.number("ignored_feelings", ignored, minimum=0)
    for technique in set(softens) & set(hardens):
        f.error(tree.at("hardens"), "contradiction",
                f"technique '{technique}' both softens and hardens {what}",
                "keep it in one of the two lists")

    holds_back = _holds_back(tree, what, problems, fields_cls)
    if difficulty == "hard" and not holds_back:
        problems.append(Problem.at(tree.at("difficulty"), "nothing-held-back",
                                   f"{what} is hard but holds nothing back",
                                   "add 'holds_back:' with a hint and what the client reveals when asked",
                                   level="warning"))
    wins, ends = (CALL_WINS, CALL_ENDS) if outreach else (tuple(o for o in OUTCOMES if o != "lost"), ("lost",))
    if "causes" not in tree and "outreach" not in tree:  # one error is enough: judge no outcomes
        wins, ends = (*wins, *CALL_WINS, "lost", *CALL_ENDS), ()
    accepts = _weights(tree, "accepts", what, problems, set(wins), "outcome", minimum=MOOD_MIN)
    if "accepts" in tree and not accepts and not has_errors(problems):
        f.error(tree.at("accepts"), "empty-lines", f"{what} accepts no outcome",
                "e.g. accepts: {resumed_trading: 3, appointment: 1}; 'declined' and 'do_not_contact' "
                "need no entry" if outreach else "e.g. accepts: {retained: 3, trial: 0}; 'lost' needs no entry")
    responses_lines = _line_lists(tree, "responses", what, problems, techniques, "technique")
    objections = _line_lists(tree, "objections", what, problems, STAGES, "stage")
    for stage in STAGES:
        if "objections" in tree and isinstance(tree.get("objections"), YMap) and stage not in objections:
            f.error(tree.at("objections"), "missing-field", f"{what} has no '{stage}' objections",
                    "give lines for early, middle and late (late: the client insists on leaving)")
    warming = f.strings("warming")
    decisions = _line_lists(tree, "decisions", what, problems, (*wins, *ends), "outcome")
    for outcome in [*accepts, *ends]:
        if "decisions" in tree and isinstance(tree.get("decisions"), YMap) and outcome not in decisions:
            f.error(tree.at("decisions"), "missing-field",
                    f"{what} has no decision line for the outcome '{outcome}'",
                    f"add '{outcome}:' with the client's last words under 'decisions'")
    on_violation = {
        **behaviour.on_violation,
        **_line_lists(tree, "on_violation", what, problems, violations, "violation"),
    }
    if not f.ok:
        return None
    return Persona(
        id=pid,
        causes=causes,
        difficulty=difficulty,
        name=f.text("name"),
        background=f.text("background"),
        profile=profile,
        mood=mood,
        patience=patience,
        openings=openings,
        softens=softens,
        hardens=hardens,
        violations=violation_weights,
        ignored_feelings=ignored,
        holds_back=holds_back,
        accepts=accepts,
        responses={k: v[0] for k, v in responses_lines.items() if v},
        objections=objections,
        warming=warming,
        decisions=decisions,
        on_violation=on_violation,
        steps=f.strings("steps"),
        outreach=outreach,
        behaviour=behaviour,
        path=str(path),
        pos=tree.pos,
    )


def _who(tree: YMap, what: str, f: Fields, outreach_ids: set[str] | None) -> tuple[tuple[str, ...], str]:
    """(causes, outreach): a counter client leads with one or two causes; an outbound call names
    the outreach playbook it practises instead. Exactly one of the two."""
    causes = f.strings("causes")
    outreach = f.string("outreach") if "outreach" in tree else ""
    if "causes" in tree and "outreach" in tree:
        f.error(tree.at("outreach"), "conflict", f"{what} has both 'causes' and 'outreach'",
                "a client at the counter has causes; a client you phone has an outreach playbook")
        return causes, outreach
    if "causes" not in tree and "outreach" not in tree:
        f.error(tree.pos, "missing-field", f"{what} has neither 'causes' nor 'outreach'",
                "add 'causes: [CAUSE]' for a counter client, or 'outreach: ID' for a call")
        return (), ""
    if "outreach" in tree:
        if outreach and outreach_ids is not None and outreach not in outreach_ids:
            f.error(tree.at("outreach"), "unknown-outreach",
                    f"unknown outreach playbook '{outreach}' in {what}",
                    choices_hint(outreach, outreach_ids, what="outreach playbooks")
                    if outreach_ids else "there is no outreach/ folder with playbooks")
        return (), outreach
    for i, cause in enumerate(causes):
        if cause not in CAUSE_IDS:
            where = tree["causes"].at(i) if isinstance(tree.get("causes"), YList) else tree.at("causes")
            f.error(where, "unknown-cause", f"unknown cause '{cause}' in {what}",
                    choices_hint(cause, CAUSE_IDS, what="causes"))
    if not 1 <= len(causes) <= 2:
        f.error(tree.at("causes"), "bad-value", f"{what} should have one or two causes, not {len(causes)}",
                "the first cause is the one the client leads with")
    return causes, ""


def _profile(tree: YMap, what: str, problems: list[Problem], fields_cls: type) -> Profile:
    node = tree.get("profile")
    if node is None:
        return Profile()
    if not isinstance(node, YMap):
        problems.append(Problem.at(tree.at("profile"), "wrong-type",
                                   f"'profile' of {what} should be a mapping", "e.g. age: 58"))
        return Profile()
    f = fields_cls(node, f"the profile of {what}", problems)
    f.allow((), _PROFILE_KEYS)
    profile = Profile(
        age=f.integer("age", 0),
        capital=f.number("capital", 0.0, minimum=0),
        years=f.integer("years", 0),
        loss=f.number("loss", 0.0, minimum=0),
        turnover=f.number("turnover", 0.0, minimum=0),
        trades=f.integer("trades", 0),
        our_rate=f.number("our_rate", 0.0, minimum=0),
        their_rate=f.number("their_rate", 0.0, minimum=0),
        their_no_minimum=_flag(node, "their_no_minimum", f),
        family_accounts=f.integer("family_accounts", 0),
        family_turnover=f.number("family_turnover", 0.0, minimum=0),
        moved_out=f.number("moved_out", 0.0, minimum=0),
    )
    for key in ("our_rate", "their_rate"):
        rate = getattr(profile, key)
        if rate > 0.003:
            f.error(node.at(key), "bad-value", f"'{key}' of {what} is {rate:g}, above the 3‰ cap",
                    "rates are fractions of turnover: 万2.5 is 0.00025")
    commission = ("turnover", "trades", "our_rate", "their_rate")
    given = [k for k in commission if k in node]
    if given and len(given) != len(commission):
        missing = ", ".join(k for k in commission if k not in node)
        f.error(node.pos, "missing-field", f"the profile of {what} has commission numbers but no {missing}",
                "the commission check needs turnover, trades, our_rate and their_rate together")
    return profile


def _flag(node: YMap, key: str, f: Fields) -> bool:
    value = node.get(key)
    if value is None:
        return False
    if not isinstance(value, bool):
        f.wrong(node.at(key), value, key, "true or false")
        return False
    return value


def _holds_back(tree: YMap, what: str, problems: list[Problem], fields_cls: type) -> tuple[HeldBack, ...]:
    value = tree.get("holds_back")
    if value is None:
        return ()
    if not isinstance(value, YList):
        problems.append(Problem.at(tree.at("holds_back"), "wrong-type",
                                   f"'holds_back' of {what} should be a list of {{hint, reveal}}",
                                   "each item: '- hint: ...' and 'reveal: ...'"))
        return ()
    out: list[HeldBack] = []
    for i, item in enumerate(value):
        if not isinstance(item, YMap):
            problems.append(Problem.at(value.at(i), "wrong-type",
                                       f"item {i + 1} of 'holds_back' of {what} should have hint and reveal",
                                       "indent 'reveal:' under '- hint:'"))
            continue
        f = fields_cls(item, f"item {i + 1} of 'holds_back' of {what}", problems)
        f.allow(("hint", "reveal"))
        out.append(HeldBack(hint=f.string("hint"), reveal=f.string("reveal")))
    return tuple(out)
