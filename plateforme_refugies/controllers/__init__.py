from . import portal
from . import activity_report
