"""`coach calc`: the commission and bundle calculators on the command line.

    coach calc commission --turnover 10万 --trades 20 --ours 万2.5 --theirs 万2 [--json]
    coach calc bundle 200万 500万 1200万 [--json]

The fee rules come from the playbooks' firm profile; without one, the defaults (5 yuan minimum,
3‰ cap) apply and a note says so on stderr. Bad input: a message on stderr and exit 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from coach.cli.common import add_common_options, playbooks_dir

if TYPE_CHECKING:
    from coach.core.content.model import Firm
    from coach.core.visit.calc import BundleResult, CommissionResult

EXIT_BAD_INPUT = 2


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "calc",
        help="佣金计算 / commission and bundle calculators",
        description="佣金对比与捆绑佣金计算 / commission comparison and bundled commission",
    )
    add_common_options(parser, sub=True)
    calculators = parser.add_subparsers(dest="calculator", metavar="CALCULATOR", required=True)

    commission = calculators.add_parser(
        "commission",
        help="对比我们和对方一年的佣金 / compare a year's commission here and there",
    )
    add_common_options(commission, sub=True)
    commission.add_argument("--turnover", required=True, help="年交易额，如 10万、50w、100000")
    commission.add_argument("--trades", required=True, help="每年交易笔数，如 20")
    commission.add_argument("--ours", help="我们的佣金率，如 万2.5（默认：公司标准佣金）")
    commission.add_argument("--theirs", required=True, help="对方的佣金率，如 万2、0.02%%、万1免五")
    commission.add_argument("--json", action="store_true", help="输出 JSON / print JSON")
    commission.set_defaults(func=run)

    bundle = calculators.add_parser(
        "bundle",
        help="家庭账户合并交易量能到的佣金档位 / the tier pooled family accounts reach",
    )
    add_common_options(bundle, sub=True)
    bundle.add_argument("turnovers", nargs="+", metavar="TURNOVER", help="各账户年交易额，如 200万")
    bundle.add_argument("--json", action="store_true", help="输出 JSON / print JSON")
    bundle.set_defaults(func=run)


def load_firm(folder: Path) -> Firm | None:
    """The firm profile from the playbooks folder, or None when it does not load."""
    from coach.core.content.library import load_library

    return load_library(folder).library.firm


def run(args: argparse.Namespace) -> int:
    from coach.core.content.variables import format_rate
    from coach.core.visit.calc import CalcError, FeeTerms, bundle, commission

    lang = args.lang
    firm = load_firm(playbooks_dir(args))
    if firm is None:
        terms = FeeTerms()
        print(
            f"注意：未能加载公司资料（firm.yaml），按默认规则计算：每笔最低{terms.min_commission:g}元，"
            f"佣金上限{format_rate(terms.cap_rate)}。"
            if lang != "en"
            else f"Note: no firm profile (firm.yaml) loaded; using the defaults: "
            f"{terms.min_commission:g} yuan minimum per trade, {format_rate(terms.cap_rate)} cap.",
            file=sys.stderr,
        )
    try:
        if args.calculator == "commission":
            ours = args.ours if args.ours is not None else (firm.standard_rate if firm else None)
            if ours is None:
                raise CalcError(
                    "没有公司资料，无法确定我们的佣金率：请用 --ours 给出，如 --ours 万2.5。",
                    "Without a firm profile our rate is unknown: give it with --ours, e.g. --ours 万2.5.",
                )
            result = commission(args.turnover, args.trades, ours, args.theirs, firm)
            text = _commission_text(result, lang)
        else:
            result = bundle(args.turnovers, firm)
            text = _bundle_text(result, lang)
    except CalcError as err:
        print(f"coach calc: {err.message(lang)}", file=sys.stderr)
        return EXIT_BAD_INPUT
    if args.json:
        data = {"calculator": args.calculator, **result.as_dict()}
        data |= {"values": result.values(), "sentence": result.sentence(lang)}
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        print(text)
    return 0


def _commission_text(result: CommissionResult, lang: str) -> str:
    v = result.values()
    minimum = f"{result.terms.min_commission:g}"
    if lang == "en":
        rows = [
            f"Yearly turnover {v['turnover']}, {v['trades']} trades, about {v['trade_size']} a trade",
            f"  ours ({v['our_rate']}): {result.our_per_trade:.2f} yuan a trade, "
            f"{v['our_cost']} a year" + (" (the minimum)" if result.our_at_minimum else ""),
            f"  theirs ({v['their_rate']}): {result.their_per_trade:.2f} yuan a trade, "
            f"{v['their_cost']} a year" + (" (the minimum)" if result.their_at_minimum else ""),
            f"Difference: {v['yearly_diff']} a year, {v['monthly_diff']} a month"
            + (
                ""
                if result.yearly_diff >= 0 or abs(result.yearly_diff) < 0.005
                else " (we are cheaper)"
            ),
            f"Our effective rate at this trade size: {v['effective_rate']}",
        ]
        if result.minimum_equalises:
            rows.append(
                f"Both sides pay the {minimum}-yuan minimum per trade: the lower rate saves nothing."
            )
        rows += ["", "Say:", result.sentence("en")]
        return "\n".join(rows)
    rows = [
        f"年交易额 {v['turnover']}，{v['trades']} 笔，每笔约 {v['trade_size']}",
        f"  我们（{v['our_rate']}）：每笔 {result.our_per_trade:.2f}元，一年 {v['our_cost']}"
        + ("（按最低收费）" if result.our_at_minimum else ""),
        f"  对方（{v['their_rate']}）：每笔 {result.their_per_trade:.2f}元，一年 {v['their_cost']}"
        + ("（按最低收费）" if result.their_at_minimum else ""),
        f"一年相差 {v['yearly_diff']}，每月 {v['monthly_diff']}"
        + ("" if result.yearly_diff >= 0 or abs(result.yearly_diff) < 0.005 else "（我们更便宜）"),
        f"按这个单笔金额，我们的实际费率：{v['effective_rate']}",
    ]
    if result.minimum_equalises:
        rows.append(f"两边每笔都只收最低{minimum}元：对方费率再低，客户也省不下钱。")
    rows += ["", "话术：", result.sentence("zh")]
    return "\n".join(rows)


def _bundle_text(result: BundleResult, lang: str) -> str:
    from coach.core.content.variables import format_money, format_rate
    from coach.core.visit.calc import wan

    v = result.values()
    if lang == "en":
        rows = [
            f"Accounts: {v['accounts']}  pooled turnover: {v['pooled_turnover']}",
            f"Tier reached: {v['bundle_tier']} at {v['bundle_rate']} "
            f"(standard {format_rate(result.standard_rate)}), saving {v['bundle_saving']} a year"
            if result.discounted
            else f"No discounted tier yet: the standard {format_rate(result.standard_rate)} applies",
        ]
        if result.next_tier:
            rows.append(
                f"Next tier: {result.next_tier.name} at {format_rate(result.next_tier.rate)}, "
                f"needs {format_money(result.needed_for_next)} more a year"
            )
        rows += ["", "Say:", result.sentence("en")]
        return "\n".join(rows)
    rows = [
        f"账户数 {v['accounts']}，合并年交易额 {v['pooled_turnover']}",
        f"达到档位：{v['bundle_tier']}，佣金 {v['bundle_rate']}"
        f"（标准 {format_rate(result.standard_rate)}），一年节省 {v['bundle_saving']}"
        if result.discounted
        else f"还没到优惠档位，按标准佣金 {format_rate(result.standard_rate)}",
    ]
    if result.next_tier:
        rows.append(
            f"下一档：{result.next_tier.name}，佣金 {format_rate(result.next_tier.rate)}，"
            f"还差 {wan(result.needed_for_next)}"
        )
    rows += ["", "话术：", result.sentence("zh")]
    return "\n".join(rows)
