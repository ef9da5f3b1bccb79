from . import refugee_counsellor_assign_wizard
