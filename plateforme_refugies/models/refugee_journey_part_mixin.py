# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class RefugeeJourneyPartMixin(models.AbstractModel):
    """A part of one journey (a diagnostic, an interview, a barrier, a
    re-orientation request): created from the journey, deleted with it, and
    found by the journey's beneficiary and site (site rules, reports).

    Unlike ``refugee.journey.record.mixin`` (immersion, hire), which names the
    beneficiary and follows their open journey, the journey is given here.
    """

    _name = "refugee.journey.part.mixin"
    _description = "Part of a journey"

    journey_id = fields.Many2one(
        comodel_name="refugee.journey",
        required=True,
        index=True,
        ondelete="cascade",
    )
    beneficiary_id = fields.Many2one(
        related="journey_id.beneficiary_id", store=True, index=True
    )
    site_id = fields.Many2one(related="journey_id.site_id", store=True, index=True)
