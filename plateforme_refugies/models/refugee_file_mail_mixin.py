# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class RefugeeFileMailMixin(models.AbstractModel):
    """Messages of a person's file follow their consents.

    The file itself, its journeys, placements, immersions and hires: a message
    to a partner without consent is refused, followers without consent are not
    notified and are not suggested as recipients (see ``mail.thread`` in
    ``models/mail_thread.py`` and
    ``refugee.beneficiary._may_receive_file_data``).
    """

    _name = "refugee.file.mail.mixin"
    _description = "Messages of a person's file"
    _inherit = ["mail.thread"]

    def _file_beneficiary(self):
        """The beneficiary whose consents govern the messages of the record."""
        return self.beneficiary_id

    def _refugee_people(self):
        return self._file_beneficiary().sudo()
