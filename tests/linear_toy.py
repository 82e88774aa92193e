"""Twelve labelled statements, three labels: enough for the linear model to learn, small enough
to train in milliseconds (shared by the model's and the training's tests)."""

TEXTS = [
    "那边佣金只要万一", "别家佣金比你们低", "对面券商佣金便宜一半", "人家给我万1.5的佣金",
    "你们服务太差了", "客户经理从来不联系我", "打电话没人接，服务差", "投诉了也没人管",
    "亏了好多钱想换换手气", "在这里亏得太惨了", "亏了三十万，换个地方", "这户头亏钱，不吉利",
]
LABELS = [["fee"]] * 4 + [["service"]] * 4 + [["loss"]] * 4
IDS = ("fee", "service", "loss")
