"""The counter session: the walkthrough and its transcript kept in step (no UI)."""

from datetime import date

from coach.core.content.library import load_library
from coach.core.paths import default_playbooks
from coach.core.records.transcript_read import read_transcript
from coach.core.understand.classifier import Classifier
from coach.core.visit.counter import CounterSession


def test_the_branch_in_the_area_the_client_names_is_offered(tmp_path):
    library = load_library(default_playbooks()).library
    session = CounterSession(library, folder=tmp_path, staff="S1", today=lambda: date(2026, 1, 5))
    result = Classifier.from_library(library).classify("我搬到江北了，离你们这太远")
    session.confirm(result, "relocation")
    walkthrough = session.walkthrough
    assert walkthrough is not None
    while walkthrough.step.id != "near_branch":
        session.react("objects")
    assert any("江北营业部" in line for line in walkthrough.lines())
    session.finish("transfer_within_firm")
    events = read_transcript(session.path)
    assert events[-1]["kind"] == "outcome" and events[-1]["outcome"] == "transfer_within_firm"


def _near_branch_lines(library, tmp_path, statement):
    session = CounterSession(library, folder=tmp_path)
    session.confirm(Classifier.from_library(library).classify(statement), "relocation")
    walkthrough = session.walkthrough
    while walkthrough.step.id != "near_branch":
        session.react("objects")
    return "".join(walkthrough.lines())


def test_a_place_without_a_branch_of_ours_is_never_told_one_is_near(tmp_path):
    # issue 10.8: a client moving to a city without a branch heard "我们的城东营业部离您新家不远"
    library = load_library(default_playbooks()).library
    for statement in ("搬家了，太远", "我要搬到成都去了，离你们太远"):
        said = _near_branch_lines(library, tmp_path, statement)
        assert not any(b.name in said for b in library.firm.branches), said
        assert "不远" not in said and "【" not in said
        assert library.firm.app in said  # online service instead


def test_a_city_with_a_branch_of_ours_gets_that_branch(tmp_path):
    library = load_library(default_playbooks()).library
    shenzhen = next(b for b in library.firm.branches if b.city == "深圳")
    said = _near_branch_lines(library, tmp_path, "下个月搬去深圳了，你们这太远")
    assert shenzhen.name in said


def test_an_unwritable_transcript_folder_does_not_stop_the_coaching(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    library = load_library(default_playbooks()).library
    session = CounterSession(library, folder=blocker / "transcripts")
    session.confirm(Classifier.from_library(library).classify("搬家了，太远"), "relocation")
    assert session.walkthrough is not None and session.walkthrough.cause == "relocation"
    error = session.unreported_error()
    assert error is not None and "transcripts" in error.message("en")
    assert session.unreported_error() is None  # told once
    session.react("accepts")  # and the walkthrough goes on
    while not session.walkthrough.outcome:
        session.react("insists")  # through the one-week trial, even with nothing written
    assert session.walkthrough.outcome in {"trial", "lost"}


def test_every_confirmed_statement_is_heard_by_the_walkthrough(tmp_path):
    # the first starts the playbook, a later one on the same cause and one that switches too
    library = load_library(default_playbooks()).library
    classify = Classifier.from_library(library).classify
    session = CounterSession(library, folder=tmp_path)
    session.confirm(classify("我搬家了，离你们太远"), "relocation")
    walkthrough = session.walkthrough
    assert not walkthrough.answered().complete
    session.confirm(classify("搬到江北了"), "relocation")
    assert walkthrough.answered().complete
    session.confirm(classify("而且人家给我万一"), "competitor_commission")
    assert walkthrough.cause == "competitor_commission"
    assert walkthrough.statements == ("我搬家了，离你们太远", "搬到江北了", "而且人家给我万一")
    assert [a.words for a in walkthrough.answered().answers] == ["万一"]


def test_a_statement_with_no_cause_that_answers_the_step_is_an_answer_not_a_switch(tmp_path):
    library = load_library(default_playbooks()).library
    classify = Classifier.from_library(library).classify
    session = CounterSession(library, folder=tmp_path)
    session.confirm(classify("那边给我万1，你们这万2.5太贵了"), "competitor_commission")
    figures = classify("我一个月交易300万，一年200笔")
    assert figures.leading == "other"  # none of the ten reasons in it (unsure or `other`)
    assert session.answers_step(figures) == ("annual_turnover", "trades_per_year")
    moved = session.answer(figures)
    walkthrough = session.walkthrough
    assert (walkthrough.cause, moved.step.id) == ("competitor_commission", "listen")
    assert walkthrough.answered().complete
    session.close()
    events = read_transcript(session.path)
    kinds = [e["kind"] for e in events]
    assert kinds[-2:] == ["statement", "answer"] and "switch" not in kinds
    assert events[-1]["asks"] == ["annual_turnover", "trades_per_year"]
    assert sum(1 for e in events if e["kind"] == "classification") == 1  # not a statement to label


def test_words_that_name_a_cause_or_answer_nothing_are_not_an_answer(tmp_path):
    library = load_library(default_playbooks()).library
    classify = Classifier.from_library(library).classify
    session = CounterSession(library, folder=tmp_path)
    assert session.answers_step(classify("一年200笔")) == ()  # no playbook yet
    session.confirm(classify("那边给我万1"), "competitor_commission")
    assert session.answers_step(classify("亏了二十万")) == ()  # a cause of its own
    assert session.answers_step(classify("嗯嗯，好的")) == ()  # says nothing the step asks


def test_mid_visit_a_remark_with_no_reason_keeps_the_playbook_a_reason_switches(tmp_path):
    library = load_library(default_playbooks()).library
    classify = Classifier.from_library(library).classify
    session = CounterSession(library, folder=tmp_path)
    stray = classify("嗯嗯，好的")
    assert stray.unsure and not session.keeps_playbook(stray)  # no playbook under way yet
    session.confirm(classify("那边给我万1，你们这万2.5太贵了"), "competitor_commission")
    assert session.keeps_playbook(stray)
    assert session.keeps_playbook(classify("我" * 300))
    assert not session.keeps_playbook(classify("而且我上个月亏了二十万"))  # a reason of its own
