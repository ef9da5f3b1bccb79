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

# Above this no-show rate (percent) a person shows in the counsellor's "Ma
# journée", as after two unexcused absences in a row (a setting).
NO_SHOW_THRESHOLD_PARAMETER = "plateforme_refugies.no_show_threshold"
DEFAULT_NO_SHOW_THRESHOLD = 30

# Per person of a list of ids (the second parameter, for ``IN``) with some
# presence or unexcused absence: whether the last two of them are unexcused
# absences, the no-show rate (as ``no_show_rate`` of the file) and the day of
# the last unexcused absence. Excused absences and presences not recorded yet
# do not count.
NO_SHOW_QUERY = """
    SELECT beneficiary_id,
           COUNT(*) FILTER (WHERE rank <= 2 AND presence = 'absent') = 2,
           (100.0 * COUNT(*) FILTER (WHERE presence = 'absent') / COUNT(*))::float,
           MAX(date) FILTER (WHERE presence = 'absent')
      FROM (SELECT beneficiary_id, presence, date,
                   ROW_NUMBER() OVER (PARTITION BY beneficiary_id
                                      ORDER BY date DESC) AS rank
              FROM (%s) presences
             WHERE beneficiary_id IN %s
               AND presence IN ('present', 'absent')) ranked
     GROUP BY beneficiary_id
"""


def presence_rate(counted, others):
    """``counted`` in percent of ``counted`` + ``others`` (0 without any)."""
    total = counted + others
    return 100.0 * counted / total if total else 0.0
