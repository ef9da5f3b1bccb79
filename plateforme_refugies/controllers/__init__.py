from . import activity_report
from . import portal
from . import report
