# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The presence of the persons at their appointments, read in SQL by the
files (no-show rate, repeated absences) and the presence analysis."""

# The presence of each person, one row per appointment: the convocations with
# a presence (workshops aside), the workshop registrations (with their
# attendance, empty until it is recorded) and the weeks of SIAE placements
# (absent with unjustified hours, excused with justified hours and no hour
# worked, else present). Cancelled appointments do not count.
PRESENCE_QUERY = """
    SELECT c.beneficiary_id, c.site_id, c.date_start AS date, c.kind, c.presence
      FROM refugee_convocation c
     WHERE c.presence IS NOT NULL
       AND c.kind != 'workshop'
       AND c.state != 'cancelled'
    UNION ALL
    SELECT r.beneficiary_id, r.site_id, e.date_begin, 'workshop', r.attendance
      FROM event_registration r
      JOIN event_event e ON e.id = r.event_id
     WHERE r.beneficiary_id IS NOT NULL
       AND r.state != 'cancel'
       AND r.active
       AND e.is_workshop
       AND e.active
    UNION ALL
    SELECT p.beneficiary_id, p.site_id, a.week_start::timestamp, 'sas_week',
           CASE WHEN a.hours_absent_unjustified > 0 THEN 'absent'
                WHEN a.hours_worked = 0 AND a.hours_absent_justified > 0
                THEN 'excused'
                ELSE 'present' END
      FROM refugee_placement_attendance a
      JOIN refugee_siae_placement p ON p.id = a.placement_id
"""


def presence_rate(counted, others):
    """``counted`` in percent of ``counted`` + ``others`` (0 without any)."""
    total = counted + others
    return 100.0 * counted / total if total else 0.0
