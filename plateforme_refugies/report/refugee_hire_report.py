# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models, tools
from odoo.tools import SQL


class RefugeeHireReport(models.Model):
    """Hires: one row per confirmed hire, nobody named.

    ``employed_1m``, ``employed_3m`` and ``employed_6m`` are 100 when the
    follow-up at 1, 3 or 6 months found the person still employed, 0 when
    not, NULL while the follow-up is not recorded: their pivot averages are
    the share still employed among the follow-ups recorded.
    """

    _name = "refugee.hire.report"
    _inherit = "refugee.report.mixin"
    _description = "Hires analysis"
    _auto = False
    _order = "date_start desc"
    _rec_name = "date_start"
    _depends = {
        "refugee.hire": [
            "beneficiary_id",
            "date_start",
            "site_id",
            "employer_id",
            "contract_type",
            "immersion_id",
            "state",
        ],
        "res.partner": ["commercial_partner_id", "employer_sector_id"],
        "refugee.hire.follow.up": ["hire_id", "milestone", "state", "still_employed"],
    }

    date_start = fields.Date(string="Start", readonly=True)
    site_id = fields.Many2one(comodel_name="refugee.site", readonly=True)
    employer_id = fields.Many2one(comodel_name="res.partner", readonly=True)
    employer_sector_id = fields.Many2one(
        comodel_name="refugee.sector", string="Sector", readonly=True
    )
    contract_type = fields.Selection(
        selection="_selection_contract_type", readonly=True
    )
    after_immersion = fields.Boolean(readonly=True)
    hire_count = fields.Integer(string="Hires", readonly=True)
    employed_1m = fields.Float(
        string="Still employed at 1 month (%)",
        readonly=True,
        aggregator="avg",
        digits=(5, 1),
    )
    employed_3m = fields.Float(
        string="Still employed at 3 months (%)",
        readonly=True,
        aggregator="avg",
        digits=(5, 1),
    )
    employed_6m = fields.Float(
        string="Still employed at 6 months (%)",
        readonly=True,
        aggregator="avg",
        digits=(5, 1),
    )

    def _selection_contract_type(self):
        return (
            self.env["refugee.hire"]
            ._fields["contract_type"]
            ._description_selection(self.env)
        )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        milestones = SQL(",\n").join(
            SQL(
                """(SELECT CASE f.still_employed WHEN 'yes' THEN 100.0
                                                 WHEN 'no' THEN 0.0 END
                      FROM refugee_hire_follow_up f
                     WHERE f.hire_id = h.id AND f.milestone = %s
                       AND f.state = 'done'
                     LIMIT 1) AS %s""",
                milestone,
                SQL.identifier(f"employed_{milestone}m"),
            )
            for milestone in ("1", "3", "6")
        )
        self.env.cr.execute(
            SQL(
                """
                CREATE OR REPLACE VIEW %(table)s AS (
                  SELECT ROW_NUMBER() OVER (ORDER BY h.date_start, h.id) AS id,
                         h.beneficiary_id AS beneficiary_key,
                         h.date_start,
                         h.site_id,
                         COALESCE(e.commercial_partner_id, e.id) AS employer_id,
                         e.employer_sector_id,
                         h.contract_type,
                         h.immersion_id IS NOT NULL AS after_immersion,
                         1 AS hire_count,
                         %(milestones)s
                    FROM refugee_hire h
                    JOIN res_partner e ON e.id = h.employer_id
                   WHERE h.state = 'confirmed'
                )
                """,
                table=SQL.identifier(self._table),
                milestones=milestones,
            )
        )

    @api.model
    def _period_indicators(self, date_from, date_to, sites):
        """Hires started in the period by contract type, and how many were
        still employed at each follow-up."""
        domain = [("date_start", ">=", date_from), ("date_start", "<=", date_to)]
        if sites:
            domain.append(("site_id", "in", sites.ids))
        contracts = dict(self._selection_contract_type())
        by_contract = [
            {
                "contract": contracts[contract],
                "hires": count,
                "employed_1m": employed_1m,
                "employed_3m": employed_3m,
                "employed_6m": employed_6m,
            }
            for contract, count, employed_1m, employed_3m, employed_6m in (
                self._read_group(
                    domain,
                    ["contract_type"],
                    [
                        "hire_count:sum",
                        "employed_1m:avg",
                        "employed_3m:avg",
                        "employed_6m:avg",
                    ],
                )
            )
        ]
        [[employers]] = self._read_group(domain, [], ["employer_id:count_distinct"])
        return {
            "hires": sum(line["hires"] for line in by_contract),
            "employers": employers,
            "by_contract": by_contract,
        }
