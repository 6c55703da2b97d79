# The commands the README shows. `make demo` and `make test` each work first on a fresh clone.
VENV := .venv
BIN := $(VENV)/bin
SAMPLES := samples/articles
DB := dossier.db

.PHONY: demo test test-all eval bench lint clean

demo: $(VENV)/installed
	$(BIN)/dossier ingest $(SAMPLES) --db $(DB)
	$(BIN)/dossier info --db $(DB)

test: $(VENV)/installed
	$(BIN)/pytest -q

# Everything, including the slow tests and the accuracy gate on ../shared/data.
test-all: $(VENV)/installed
	$(BIN)/pytest -q -m "slow or not slow"

eval: $(VENV)/installed
	$(BIN)/python eval/gate.py

bench: $(VENV)/installed
	$(BIN)/python bench/ingest_livedoor.py

lint: $(VENV)/installed
	$(BIN)/ruff check src tests eval bench

$(VENV)/installed: pyproject.toml
	python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

clean:
	rm -rf $(VENV) $(DB) $(DB)-wal $(DB)-shm
