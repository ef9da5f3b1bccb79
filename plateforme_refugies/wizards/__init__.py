from . import refugee_workshop_registration_wizard
from . import refugee_sas_planner
from . import refugee_sas_planner_line
