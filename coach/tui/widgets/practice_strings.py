"""Interface strings of practice mode, in Chinese and English.

Practice keeps its own table beside the app's (coach.tui.i18n) so that the two modes can be
worked on separately; content (persona lines, model lines) comes from the playbooks.
"""

from __future__ import annotations

from collections.abc import Mapping

STRINGS: Mapping[str, tuple[str, str]] = {
    "title": ("练习模式", "Practice"),
    "staff": ("员工 {staff}", "staff {staff}"),
    "no_staff": ("未登记员工号", "no staff id"),
    "difficulty": ("难度", "Difficulty"),
    "level.easy": ("易", "easy"),
    "level.normal": ("中", "normal"),
    "level.hard": ("难", "hard"),
    "level.own": ("按角色设定", "as written"),
    "picker.title": ("选择练习客户", "Choose a client to practise with"),
    "picker.hint": ("上下键选择，回车开始；D 切换难度（当前：{level}）",
                    "Arrows to move, Enter to start; D changes the difficulty (now: {level})"),
    "picker.empty": ("没有可用的客户角色（playbooks/personas/）。", "No personas (playbooks/personas/)."),
    "chat.title": ("对话", "Conversation"),
    "chat.client": ("客户", "Client"),
    "chat.you": ("我", "Me"),
    "chat.start": ("{name}来到柜台。{background}", "{name} comes to the counter (the role-play is in Chinese). {background}"),
    "chat.call": ("你给{name}打电话（电话回访）。{background}",
                  "You phone {name}, who has not come in (the role-play is in Chinese). {background}"),
    "call": ("电话回访", "Call"),
    "chat.ended": ("练习结束：{outcome}", "Session over: {outcome}"),
    "reply.placeholder": ("输入您要对客户说的话，回车发送（F1 帮助）",
                          "Type what you say to the client; Enter sends (F1 help)"),
    "feedback.title": ("点评", "Feedback"),
    "feedback.off": ("考试模式：点评已隐藏，结束后在评分卡里查看（F2 打开）",
                     "Exam mode: feedback hidden until the scorecard (F2 shows it)"),
    "feedback.helped": ("有效", "Worked"),
    "feedback.hurt": ("不对症", "Wrong for this cause"),
    "feedback.violation": ("违规", "Violation"),
    "feedback.ignored": ("客户还在气头上，先照顾情绪", "The client is upset: acknowledge the feelings first"),
    "feedback.ask": ("客户有所保留，先问清楚", "The client is holding something back: ask"),
    "feedback.figures": ("数字不对", "Figures off"),
    "feedback.nothing": ("这句话没有用上任何方法", "No technique recognised in this reply"),
    "feedback.model": ("可以这样说", "You could say"),
    "feedback.hint": ("提示", "Hint"),
    "mood.label": ("情绪", "Mood"),
    "mood.patience": ("耐心", "Patience"),
    "mood.angry": ("生气", "angry"),
    "mood.upset": ("不满", "upset"),
    "mood.hesitant": ("犹豫", "hesitant"),
    "mood.softening": ("缓和", "softening"),
    "mood.won_over": ("满意", "won over"),
    "card.title": ("评分卡", "Scorecard"),
    "card.score": ("得分 {score}/100", "Score {score}/100"),
    "card.pass": ("合格", "pass"),
    "card.fail": ("未达合格线 {mark}", "below the pass mark {mark}"),
    "card.outcome": ("结果：{outcome}", "Outcome: {outcome}"),
    "card.used": ("用到的方法", "Techniques used"),
    "card.missed": ("还可以用", "Could also have used"),
    "card.violations": ("违规", "Violations"),
    "card.none": ("无", "none"),
    "card.checks": ("评分项", "Checks"),
    "card.turns": ("逐句点评", "Reply by reply"),
    "card.next": ("N 换一位客户   R 再练一次   Esc 返回列表", "N another client   R once more   Esc back to the list"),
    "history.title": ("我的练习记录", "My past scores"),
    "history.empty": ("还没有练习记录。", "No practice yet."),
    "history.summary": ("共 {n} 次，平均 {avg:.0f}，最好 {best}", "{n} sessions, average {avg:.0f}, best {best}"),
    "error.transcript": ("练习记录无法写入：{error}", "Cannot write the transcript: {error}"),
    "error.scoring": ("评分表 scoring.yaml 无法使用，练习不能评分。", "scoring.yaml cannot be used: practice cannot score."),
    "error.persona": ("没有客户角色“{id}”，请从列表中选择。", "No persona '{id}': choose one from the list."),
    "error.personas": ("客户角色文件有 {n} 个问题，出错的已跳过", "{n} problem(s) in the persona files; broken ones skipped"),
    "key.send": ("发送", "Send"),
    "key.feedback": ("点评开关", "Feedback"),
    "key.hint": ("提示", "Hint"),
    "key.finish": ("结束", "Finish"),
    "key.help": ("帮助", "Help"),
    "key.quit": ("退出", "Quit"),
    "key.difficulty": ("难度", "Difficulty"),
    "key.start": ("开始", "Start"),
    "help.text": (
        "回车：发送回答\nF2：点评开/关（考试模式）\nF3：看一句参考说法\nF9：提前结束并评分\n"
        "列表中 D：切换难度\n评分卡中 N：换一位客户，R：再练一次，Esc：返回列表\nCtrl+Q：退出",
        "Enter: send the reply\nF2: feedback on/off (exam mode)\nF3: show a model line\n"
        "F9: finish now and score\nD in the list: change the difficulty\n"
        "On the scorecard N: another client, R: once more, Esc: back to the list\nCtrl+Q: quit",
    ),
}


def s(key: str, lang: str = "zh", /, **values: object) -> str:
    zh, en = STRINGS[key]
    text = en if lang == "en" else zh
    return text.format(**values) if values else text
