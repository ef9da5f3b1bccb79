# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.tools import format_date
from odoo.tools.misc import xlsxwriter

XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Excel's codes: the spreadsheet shows them with the separators of its
# language (1 234,5 in French); a rate is written as a fraction
XLSX_NUMBER_FORMATS = {
    "number": "#,##0",
    "decimal": "#,##0.00",
    "rate": "0.0 %",
}


class RefugeeDashboardWizard(models.TransientModel):
    """The print dialog of the activity report of a period.

    The report reads the analysis models only, as the user who prints it:
    readers (funders) get the figures without the small groups, as in the
    analyses. ``_activity_report_sections`` builds its tables once, for the
    PDF and for the XLSX export.
    """

    _name = "refugee.dashboard.wizard"
    _description = "Activity report"

    date_from = fields.Date(
        string="From", required=True, default=lambda self: self._default_date_from()
    )
    date_to = fields.Date(
        string="To", required=True, default=lambda self: self._default_date_to()
    )
    site_ids = fields.Many2many(
        comodel_name="refugee.site",
        string="Sites",
        help="Leave empty for every site.",
    )

    def _default_date_from(self):
        return fields.Date.context_today(self).replace(day=1)

    def _default_date_to(self):
        return self._default_date_from() + relativedelta(months=1, days=-1)

    @api.depends("date_from", "date_to")
    def _compute_display_name(self):
        for report in self:
            report.display_name = self.env._(
                "Activity report %(date_from)s - %(date_to)s",
                date_from=format_date(self.env, report.date_from),
                date_to=format_date(self.env, report.date_to),
            )

    def _indicators(self, report_model):
        self.ensure_one()
        return self.env[report_model]._period_indicators(
            self.date_from, self.date_to, self.site_ids
        )

    def _sas_occupancy_by_siae(self):
        """Per SAS partner SIAE, its capacity, the most people hosted on one
        day and the average occupancy over the weeks of the period."""
        self.ensure_one()
        week_from = self.date_from - timedelta(days=self.date_from.weekday())
        return [
            {
                "siae": siae.display_name,
                "capacity": capacity,
                "hosted": hosted,
                "occupancy_rate": rate,
            }
            for siae, capacity, hosted, rate in self.env[
                "refugee.siae.occupancy.report"
            ]._read_group(
                [
                    ("is_sas_partner", "=", True),
                    ("week", ">=", week_from),
                    ("week", "<=", self.date_to),
                ],
                ["siae_id"],
                ["capacity:max", "hosted:max", "occupancy_rate:avg"],
            )
        ]

    def _activity_indicators(self):
        """Every figure of the activity report."""
        self.ensure_one()
        return {
            "journeys": self._indicators("refugee.journey.report"),
            "placements": self._indicators("refugee.siae.placement.report"),
            "occupancy": self._sas_occupancy_by_siae(),
            "workshops": self._indicators("refugee.workshop.report"),
            "barriers": self._indicators("refugee.barrier.report"),
            "french": self._indicators("refugee.french.progress.report"),
            "immersions": self._indicators("refugee.immersion.report"),
            "hires": self._indicators("refugee.hire.report"),
            "follow_ups": self._indicators("refugee.hire.follow.up.report"),
            "prospection": self._indicators("refugee.prospection.report"),
        }

    @api.model
    def _report_table(self, css, headers, rows, total=None):
        """A table of the report. Each cell is a ``(value, kind)``: kind
        ``text``, ``number`` (no decimal), ``decimal`` (2 decimals) or
        ``rate`` (a percentage, 1 decimal); a value of None or False is no
        figure (an average over nothing, a group too small for readers)."""
        return {
            "type": "table",
            "css": css,
            "headers": headers,
            "rows": rows,
            "total": total,
        }

    @api.model
    def _label_table(self, css, lines):
        """A table of labelled figures: ``lines`` are (label, value, kind)."""
        return self._report_table(
            css, [], [[(label, "text"), (value, kind)] for label, value, kind in lines]
        )

    @api.model
    def _note(self, text):
        return {"type": "note", "text": text}

    @api.model
    def _empty_note(self, total, text):
        """The note of a section without figures: ``text`` when nothing
        happened in the period, or, when its total was hidden from a reader
        (None), that there were too few people to show them."""
        if total is None:
            return self._note(
                self.env._("Too few people in this period for the figures to be shown.")
            )
        return self._note(text)

    @api.model
    def _chart(self, bars, caption="", percent=False):
        return {"type": "chart", "bars": bars, "caption": caption, "percent": percent}

    def _activity_report_sections(self):
        """The sections of the activity report, in order: each a title and
        its blocks (tables, bar charts, notes), for the PDF and the XLSX."""
        self.ensure_one()
        indicators = self._activity_indicators()
        journeys = indicators["journeys"]
        placements = indicators["placements"]
        workshops = indicators["workshops"]
        french = indicators["french"]["by_skill"]
        barriers = indicators["barriers"]["by_type"]
        prospection = indicators["prospection"]
        immersions = indicators["immersions"]
        hires = indicators["hires"]
        sections = [
            {
                "title": self.env._("Journeys"),
                "blocks": [
                    self._label_table(
                        "o_refugee_journeys",
                        [
                            (self.env._("Entries"), journeys["entries"], "number"),
                            (self.env._("Exits"), journeys["exits"], "number"),
                            (
                                self.env._("Open journeys at the end of the period"),
                                journeys["open"],
                                "number",
                            ),
                            (
                                self.env._(
                                    "Dynamic exits (durable, transition and "
                                    "positive) among exits"
                                ),
                                journeys["successful_exit_rate"],
                                "rate",
                            ),
                            (
                                self.env._("Average days from entry to employment"),
                                journeys["days_to_employment"],
                                "number",
                            ),
                            (
                                self.env._(
                                    "Average days in the journey, exits of the period"
                                ),
                                journeys["days_in_journey"],
                                "number",
                            ),
                        ],
                    )
                ],
            },
            {
                "title": self.env._("Exits"),
                "blocks": [
                    self._report_table(
                        "o_refugee_exit_categories",
                        [self.env._("IAE exit category"), self.env._("Exits")],
                        [
                            [(line["category"], "text"), (line["count"], "number")]
                            for line in journeys["exits_by_category"]
                        ],
                    ),
                    self._chart(
                        [
                            (line["category"], line["count"])
                            for line in journeys["exits_by_category"]
                        ]
                    ),
                    self._report_table(
                        "o_refugee_exits",
                        [self.env._("Exit reason"), self.env._("Exits")],
                        [
                            [(line["outcome"], "text"), (line["count"], "number")]
                            for line in journeys["exits_by_outcome"]
                        ],
                    ),
                ]
                if journeys["exits_by_category"]
                else [
                    self._empty_note(
                        journeys["exits"], self.env._("No exit in this period.")
                    )
                ],
            },
            {
                "title": self.env._("SAS IAE and SIAE placements"),
                "blocks": (
                    [
                        self._label_table(
                            "o_refugee_placements",
                            [
                                (
                                    self.env._("SIAE placements started"),
                                    placements["placements"],
                                    "number",
                                ),
                                (
                                    self.env._("SAS started"),
                                    placements["sas"],
                                    "number",
                                ),
                                (
                                    self.env._("Average SAS length (days)"),
                                    placements["sas_days"],
                                    "number",
                                ),
                            ],
                        ),
                        self._report_table(
                            "o_refugee_sas_outcomes",
                            [self.env._("SAS started, by outcome"), self.env._("SAS")],
                            [
                                [(line["outcome"], "text"), (line["count"], "number")]
                                for line in placements["sas_by_outcome"]
                            ],
                        ),
                    ]
                    if placements["placements"]
                    else [
                        self._note(
                            self.env._("No SIAE placement started in this period.")
                        )
                    ]
                )
                + [
                    self._report_table(
                        "o_refugee_occupancy",
                        [
                            self.env._("SAS partner SIAE (every site)"),
                            self.env._("Capacity"),
                            self.env._("Most hosted on one day"),
                            self.env._("Average occupancy"),
                        ],
                        [
                            [
                                (line["siae"], "text"),
                                (line["capacity"], "number"),
                                (line["hosted"], "number"),
                                (line["occupancy_rate"], "rate"),
                            ]
                            for line in indicators["occupancy"]
                        ],
                    )
                ],
            },
            {
                "title": self.env._("Workshops"),
                "blocks": [
                    self._report_table(
                        "o_refugee_workshops",
                        [
                            self.env._("Theme"),
                            self.env._("Sessions held"),
                            self.env._("Registrations"),
                            self.env._("Present"),
                            self.env._("Absent"),
                            self.env._("Attendance"),
                        ],
                        [
                            [(line["theme"], "text"), *self._attendance_cells(line)]
                            for line in workshops["by_theme"]
                        ],
                        total=[
                            (self.env._("Total"), "text"),
                            *self._attendance_cells(workshops),
                        ],
                    ),
                    self._chart(
                        [
                            (line["theme"], line["attendance_rate"])
                            for line in workshops["by_theme"]
                        ],
                        caption=self.env._("Attendance by theme (%)"),
                        percent=True,
                    ),
                ]
                if workshops["sessions"]
                else [
                    self._empty_note(
                        workshops["sessions"],
                        self.env._("No workshop held in this period."),
                    )
                ],
            },
            {
                "title": self.env._("French"),
                "blocks": [
                    self._report_table(
                        "o_refugee_french",
                        [
                            self.env._("Skill (people last assessed in the period)"),
                            self.env._("Beneficiaries"),
                            self.env._("Progressed"),
                            self.env._("Progressed (%)"),
                            self.env._("Average levels gained"),
                        ],
                        [
                            [
                                (line["skill"], "text"),
                                (line["beneficiaries"], "number"),
                                (line["progressed"], "number"),
                                (line["progress_rate"], "rate"),
                                (line["levels_gained"], "decimal"),
                            ]
                            for line in french
                        ],
                    )
                ]
                if french
                else [self._note(self.env._("No French assessment in this period."))],
            },
            {
                "title": self.env._("Peripheral barriers"),
                "blocks": [
                    self._report_table(
                        "o_refugee_barriers",
                        [
                            self.env._("Barrier"),
                            self.env._("Identified"),
                            self.env._("Handled in-house"),
                            self.env._("Referred to a partner"),
                            self.env._("Lifted"),
                        ],
                        [
                            [(line["barrier"], "text")]
                            + [
                                (line[key], "number")
                                for key in (
                                    "identified",
                                    "in_house",
                                    "referred",
                                    "lifted",
                                )
                            ]
                            for line in barriers
                        ],
                    )
                ]
                if barriers
                else [
                    self._note(
                        self.env._(
                            "No barrier identified, handled, referred or lifted "
                            "in this period."
                        )
                    )
                ],
            },
            {
                "title": self.env._("Employers"),
                "blocks": [
                    self._label_table(
                        "o_refugee_employers",
                        [
                            (
                                self.env._(
                                    "Employers prospected (opportunities opened in "
                                    "the period, every site)"
                                ),
                                prospection["prospected"],
                                "number",
                            ),
                            (
                                self.env._(
                                    "Of which engaged (agreement in principle or "
                                    "hosting)"
                                ),
                                prospection["engaged"],
                                "number",
                            ),
                            (
                                self.env._(
                                    "Employers hosting an immersion started in the "
                                    "period"
                                ),
                                immersions["employers"],
                                "number",
                            ),
                            (
                                self.env._("Employers hiring in the period"),
                                hires["employers"],
                                "number",
                            ),
                        ],
                    ),
                    self._report_table(
                        "o_refugee_prospection",
                        [
                            self.env._(
                                "Opportunities opened in the period, by stage reached"
                            ),
                            self.env._("Employers"),
                        ],
                        [
                            [(line["stage"], "text"), (line["count"], "number")]
                            for line in prospection["by_stage"]
                        ],
                    ),
                ],
            },
            {
                "title": self.env._("Immersions"),
                "blocks": [
                    self._report_table(
                        "o_refugee_immersions",
                        [
                            self.env._("Immersions started, by objective"),
                            self.env._("Immersions"),
                            self.env._("Followed by a hire"),
                            self.env._("Immersion to hire (ended ones)"),
                        ],
                        [
                            [
                                (line["objective"], "text"),
                                (line["immersions"], "number"),
                                (line["hired"], "number"),
                                (line["hire_rate"], "rate"),
                            ]
                            for line in immersions["by_objective"]
                        ],
                    )
                ]
                if immersions["immersions"]
                else [
                    self._empty_note(
                        immersions["immersions"],
                        self.env._("No immersion started in this period."),
                    )
                ],
            },
            {
                "title": self.env._("Hires and follow-up"),
                "blocks": (
                    [
                        self._report_table(
                            "o_refugee_hires",
                            [
                                self.env._("Hires, by contract type"),
                                self.env._("Hires"),
                                self.env._("Still employed at 1 month"),
                                self.env._("At 3 months"),
                                self.env._("At 6 months"),
                            ],
                            [
                                [(line["contract"], "text"), (line["hires"], "number")]
                                + [
                                    (line[milestone], "rate")
                                    for milestone in (
                                        "employed_1m",
                                        "employed_3m",
                                        "employed_6m",
                                    )
                                ]
                                for line in hires["by_contract"]
                            ],
                        )
                    ]
                    if hires["hires"]
                    else [
                        self._empty_note(
                            hires["hires"], self.env._("No hire in this period.")
                        )
                    ]
                )
                + [
                    self._report_table(
                        "o_refugee_follow_ups",
                        [
                            self.env._("Follow-ups due in the period"),
                            self.env._("Due"),
                            self.env._("Recorded"),
                            self.env._("Still employed"),
                        ],
                        [
                            [(line["milestone"], "text")]
                            + [
                                (line[key], "number")
                                for key in ("due", "done", "employed")
                            ]
                            for line in indicators["follow_ups"]
                        ],
                    )
                    if indicators["follow_ups"]
                    else self._note(
                        self.env._("No follow-up after hiring due in this period.")
                    )
                ],
            },
        ]
        # no empty table nor chart: a heading alone says nothing
        for section in sections:
            section["blocks"] = [
                block
                for block in section["blocks"]
                if block.get("rows", True) and block.get("bars", True)
            ]
        return sections

    @api.model
    def _attendance_cells(self, line):
        return [
            (line[key], "number")
            for key in ("sessions", "registrations", "present", "absent")
        ] + [(line["attendance_rate"], "rate")]

    def _period_label(self):
        self.ensure_one()
        return self.env._(
            "From %(date_from)s to %(date_to)s, sites: %(sites)s",
            date_from=format_date(self.env, self.date_from, date_format="d MMMM y"),
            date_to=format_date(self.env, self.date_to, date_format="d MMMM y"),
            sites=", ".join(self.site_ids.mapped("name")) or self.env._("every site"),
        )

    def _activity_report_xlsx(self):
        """The tables of the activity report as a workbook: one sheet per
        section, the figures as numbers in French formats."""
        self.ensure_one()
        output = io.BytesIO()
        workbook = xlsxwriter.Workbook(output, {"in_memory": True})
        title = workbook.add_format({"bold": True, "font_size": 14})
        bold = workbook.add_format({"bold": True, "text_wrap": True})
        formats = {
            kind: workbook.add_format({"num_format": num_format})
            for kind, num_format in XLSX_NUMBER_FORMATS.items()
        }
        total_formats = {
            kind: workbook.add_format({"num_format": num_format, "bold": True})
            for kind, num_format in XLSX_NUMBER_FORMATS.items()
        }
        total_formats["text"] = workbook.add_format({"bold": True})
        for section in self._activity_report_sections():
            sheet = workbook.add_worksheet(section["title"])
            sheet.set_column(0, 0, 60)
            sheet.set_column(1, 5, 18)
            sheet.write(0, 0, section["title"], title)
            sheet.write(1, 0, self._period_label())
            row = 3
            for block in section["blocks"]:
                if block["type"] == "note":
                    sheet.write(row, 0, block["text"])
                    row += 2
                if block["type"] != "table":
                    continue
                if block["headers"]:
                    sheet.write_row(row, 0, block["headers"], bold)
                    row += 1
                lines = [(cells, formats) for cells in block["rows"]]
                if block["total"]:
                    lines.append((block["total"], total_formats))
                for cells, cell_formats in lines:
                    for column, (value, kind) in enumerate(cells):
                        if value is None or value is False:
                            sheet.write_blank(row, column, None, cell_formats.get(kind))
                        elif kind == "rate":
                            sheet.write_number(
                                row, column, value / 100, cell_formats[kind]
                            )
                        elif kind == "text":
                            sheet.write_string(
                                row, column, value, cell_formats.get(kind)
                            )
                        else:
                            sheet.write_number(row, column, value, cell_formats[kind])
                    row += 1
                row += 1
        workbook.close()
        return output.getvalue()

    def _xlsx_filename(self):
        self.ensure_one()
        return self.env._(
            "Activity report %(date_from)s - %(date_to)s.xlsx",
            date_from=self.date_from,
            date_to=self.date_to,
        )

    def action_print(self):
        self.ensure_one()
        action = self.env.ref(
            "plateforme_refugies.refugee_activity_report_action"
        ).report_action(self)
        # the print dialog closes once the PDF is downloaded
        action["close_on_report_download"] = True
        return action

    def action_export_xlsx(self):
        """The same tables as the PDF, as an XLSX workbook."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_url",
            "url": f"/plateforme_refugies/activity_report/{self.id}/xlsx",
            "target": "download",
        }
