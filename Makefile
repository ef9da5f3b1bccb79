# Entry points of the tooling; the logic lives in scripts/ (see each script's
# header for its environment variables). PYTHON selects the interpreter that
# runs Odoo and the tools (default: python3).
PYTHON ?= python3
export PYTHON

.PHONY: help setup lint test i18n readme run bench upgrade-test backup restore backup-test replica load

help:
	@echo "make setup   install Odoo 18.0 (if missing), Debian packages, dev tools"
	@echo "make lint    ruff, pylint-odoo, oca-checks-odoo-module, oca-checks-po"
	@echo "make test    Odoo tests on a fresh database + log, coverage, i18n checks"
	@echo "make i18n    refresh i18n/plateforme_refugies.pot and merge it into fr.po"
	@echo "make readme  the addon's README.rst from its readme/*.md fragments (pandoc)"
	@echo "make run     serve the addon with demo data on http://localhost:8069"
	@echo "make bench   measure the addon against Odoo's own apps (SCALE=50000)"
	@echo "make upgrade-test  upgrade a database of the previous release, check every row"
	@echo "make backup  database + filestore into one archive (PR_DB, BACKUP)"
	@echo "make restore a backup into a new database (PR_DB, BACKUP)"
	@echo "make backup-test   backup, restore into a fresh database, same rows"
	@echo "make replica a streaming replica of the private cluster (ACTION=start|stop|status)"
	@echo "make load    a bounded locust run on loopback (bench/load.py)"

setup:
	bash scripts/setup.sh

lint:
	bash scripts/lint.sh

test:
	bash scripts/test.sh

i18n:
	bash scripts/i18n.sh

readme:
	$(PYTHON) scripts/readme.py plateforme_refugies

run:
	bash scripts/run.sh

bench:
	bash scripts/bench.sh

upgrade-test:
	bash scripts/upgrade_test.sh

backup:
	bash scripts/backup.sh backup

restore:
	bash scripts/backup.sh restore

backup-test:
	bash scripts/backup_test.sh

replica:
	bash scripts/replica.sh $(or $(ACTION),start)

load:
	bash scripts/load.sh
