from . import refugee_workshop_registration_wizard
from . import refugee_sas_planner
from . import refugee_sas_planner_line
from . import refugee_counsellor_assign_wizard
from . import refugee_immersion_stop_wizard
from . import refugee_match_wizard
from . import refugee_match_line
from . import refugee_retention_settings
