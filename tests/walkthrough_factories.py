"""Small playbooks and a firm built in Python, so engine and calculator tests do not depend on
the shipped YAML content."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from coach.core.content.model import Branch, Firm, Library, Playbook, Reaction, Step, Text, Tier
from coach.core.records.transcript import TranscriptWriter
from coach.core.visit.engine import Walkthrough


def make_firm(**changes: object) -> Firm:
    fields: dict[str, object] = dict(
        name="测试证券股份有限公司",
        short_name="测试证券",
        hotline="400-000-0000",
        app="测试APP",
        strengths=("稳健",),
        service_products=(),
        standard_rate=0.00025,
        cap_rate=0.003,
        min_commission=5.0,
        tiers=(
            Tier("银卡", 5_000_000, 0.0002),
            Tier("金卡", 20_000_000, 0.00015),
            Tier("钻石卡", 50_000_000, 0.00012),
        ),
        branches=(Branch("城东营业部", "城东", "滨江大道1号"),),
        trial_days=7,
        trial_services=("专属顾问", "盘前短信"),
    )
    fields.update(changes)
    return Firm(**fields)  # type: ignore[arg-type]


def _step(id: str, technique: str, say: str, *, outcome: str = "", **next: str) -> Step:
    return Step(id=id, technique=technique, say=(say,), next=dict(next), outcome=outcome)


def commission_playbook() -> Playbook:
    steps = [
        Step(
            id="listen",
            technique="empathy",
            say=("{client}，比价很正常，我先帮您把账算清楚。",),
            tips=("先让{client}说完，别急着反驳。",),
            ask="对方给您的是多少？您一年大概交易{turnover}？",
            next={
                "accepts": "math",
                "objects": "brand",
                "another_cause": "math",
                "insists": "trial",
                "asks_lower": "bundle",
            },
        ),
        Step(
            id="math",
            technique="commission_math",
            say=("按您一年{turnover}算，一年只差{yearly_diff}。",),
            calculator="commission",
            next={"accepts": "kept", "objects": "brand", "insists": "trial"},
        ),
        _step(
            "brand",
            "brand_strength",
            "{firm_short}的服务您是知道的。",
            accepts="kept",
            objects="trial",
            insists="trial",
        ),
        _step(
            "bundle",
            "bundled_commission",
            "家人账户合并可享{bundle_rate}。",
            accepts="kept",
            insists="trial",
        ),
        _step(
            "trial",
            "one_week_trial",
            "您先体验{trial_days}天，到{trial_end}我给您回电话。",
            accepts="trial_ok",
            insists="farewell",
        ),
        _step(
            "kept", "committed_service", "谢谢{client}，有事随时打{hotline}。", outcome="retained"
        ),
        _step("trial_ok", "committed_service", "体验期间有问题直接找我。", outcome="trial"),
        _step("farewell", "graceful_exit", "手续帮您办好，欢迎随时回来。", outcome="lost"),
    ]
    return Playbook(
        cause="competitor_commission",
        title=Text("佣金竞争", "Competitor commission"),
        summary=Text("算账、讲服务、谈捆绑"),
        start="listen",
        steps={s.id: s for s in steps},
        reactions={
            "asks_lower": Reaction("asks_lower", Text("追问能否更低", "Asks for lower still"))
        },
        path="cases/competitor_commission.yaml",
    )


def service_playbook() -> Playbook:
    steps = [
        _step(
            "apologise",
            "apology",
            "这是我们没做好，向您道歉。",
            accepts="fixed",
            objects="manager",
            insists="trial",
        ),
        _step(
            "manager",
            "dedicated_manager",
            "以后由我做您的专属客户经理。",
            accepts="fixed",
            insists="trial",
        ),
        _step(
            "trial", "one_week_trial", "给我们一周时间。", accepts="trial_ok", insists="farewell"
        ),
        _step("fixed", "committed_service", "我保证说到做到。", outcome="retained"),
        _step("trial_ok", "committed_service", "一周后我联系您。", outcome="trial"),
        _step("farewell", "graceful_exit", "欢迎随时回来。", outcome="lost"),
    ]
    return Playbook(
        cause="poor_service",
        title=Text("服务不满"),
        summary=Text("道歉、专属经理、体验"),
        start="apologise",
        steps={s.id: s for s in steps},
    )


def relocation_playbook() -> Playbook:
    steps = [
        _step(
            "branch",
            "transfer_within_firm",
            "{branch}离您近，可以转过去。",
            accepts="moved",
            insists="bye",
        ),
        _step(
            "moved", "transfer_within_firm", "我帮您联系{branch}。", outcome="transfer_within_firm"
        ),
        _step("bye", "graceful_exit", "祝您一切顺利。", outcome="lost"),
    ]
    return Playbook(
        cause="relocation",
        title=Text("居住搬迁"),
        summary=Text("司内转移"),
        start="branch",
        steps={s.id: s for s in steps},
    )


def make_playbooks() -> dict[str, Playbook]:
    return {p.cause: p for p in (commission_playbook(), service_playbook(), relocation_playbook())}


def make_library(firm: Firm | None = None) -> Library:
    return Library(
        root="playbooks",
        version="abc123",
        causes={},
        playbooks=make_playbooks(),
        techniques={},
        principles={},
        violations={},
        firm=firm if firm is not None else make_firm(),
    )


def play(folder: Path, sid: str, cause: str, moves: list[str], *, day: str = "",
         mode: str = "counter", staff: str = "S1") -> None:
    """A walkthrough logged the way the counter app logs it, on `day` (today when empty)."""
    clock = (lambda: datetime.fromisoformat(day + "T10:00:00+08:00")) if day else None
    walk = Walkthrough.from_library(make_library(), cause)
    opened = TranscriptWriter.open(folder, mode, staff, "v", session_id=sid,
                                   **({"clock": clock} if clock else {}))
    with opened as writer:
        writer.event("step", cause=walk.cause, step=walk.step.id, technique=walk.step.technique)
        for move in moves:
            if move == "accept_offer":
                walk.accept_offer()
            elif move.startswith("switch:"):
                walk.switch(move.split(":", 1)[1])
            else:
                walk.react(move)
                writer.event("reaction", **walk.history[-2 if walk.outcome else -1].as_event())
            writer.event("step", cause=walk.cause, step=walk.step.id, technique=walk.step.technique)
            if walk.outcome:
                writer.event("outcome", **walk.outcome_data())
