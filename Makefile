# The two commands of the README: `make demo` runs veille on the project's example
# articles; `make test` installs what the tests need and runs them (CI runs it too).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test install lint train

$(BIN)/veille: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(BIN)/veille

install: $(BIN)/veille

demo: install
	$(BIN)/veille show examples/

test: install
	bash scripts/test.sh

lint: install
	$(BIN)/ruff check veille tests
	$(BIN)/mypy veille

# Rebuilds veille/data/decision_model.json from data/gold/ (train and dev; the corpus
# beside the repository); about 5 minutes on 2 cores, the same file for the same data.
train: install
	$(BIN)/veille train
