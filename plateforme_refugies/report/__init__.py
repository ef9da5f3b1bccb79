from . import refugee_siae_occupancy_report
