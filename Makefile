# Every target sets itself up on a fresh machine: a venv with the package and its test extras.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEV ?= ../shared/eval/dev.yaml
REPLIES ?= ../shared/eval/replies-dev.yaml

.PHONY: run test bench bench-replies lint clean

$(STAMP): pyproject.toml setup.py coach/core/understand/_gramsum.c
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/coach $(ARGS)

test: $(STAMP)
	$(BIN)/pytest

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py --data $(DEV) --replies-data $(REPLIES)
	$(BIN)/python benchmarks/watch.py
	$(BIN)/python benchmarks/report.py

bench-replies: $(STAMP)
	$(BIN)/python benchmarks/run.py --only replies --replies-data $(REPLIES)

lint: $(STAMP)
	$(BIN)/ruff check coach tests benchmarks

clean:
	rm -rf $(VENV) build *.egg-info
