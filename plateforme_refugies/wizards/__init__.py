from . import refugee_sas_planner
from . import refugee_sas_planner_line
