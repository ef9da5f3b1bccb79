from . import test_site_mixin
from . import test_access
from . import test_beneficiary
from . import test_journey
from . import test_ui
from . import test_french
from . import test_workshop
from . import test_ui_workshop
