from . import refugee_immersion_stop_wizard
from . import refugee_match_wizard
from . import refugee_match_line
