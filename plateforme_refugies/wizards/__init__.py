from . import refugee_workshop_registration_wizard
from . import refugee_sas_planner_wizard
from . import refugee_sas_planner_wizard_line
from . import refugee_counsellor_assign_wizard
from . import refugee_immersion_stop_wizard
from . import refugee_match_wizard
from . import refugee_match_wizard_line
from . import refugee_dashboard_wizard
