from . import refugee_siae_occupancy_report
from . import refugee_journey_report
from . import refugee_siae_placement_report
from . import refugee_workshop_report
from . import refugee_barrier_report
from . import refugee_french_progress_report
