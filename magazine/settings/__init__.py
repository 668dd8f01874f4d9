"""Settings for the magazine, read from environment variables, one module per concern.

DJANGO_SETTINGS_MODULE stays `magazine.settings`: this package puts the modules together, the
production profile last. Every variable is read through core/environment.py's `env` (`env.int`,
`env.bool`, ...), which stops the start-up with a message naming a variable whose value cannot be
read. Every variable has a default that is safe for a local run, except those the production
profile requires; README.md (Configuration, Comments) and docs/deploy.md (Production variables)
list them, and tests/magazine/test_configuration.py keeps those tables and these files in step.
"""

# ruff: noqa: I001  (in this order: the production profile last)
from .base import *  # noqa: F403
from .database import *  # noqa: F403
from .cache import *  # noqa: F403
from .auth import *  # noqa: F403
from .storage import *  # noqa: F403
from .security import *  # noqa: F403
from .logs import *  # noqa: F403
from .mail import *  # noqa: F403
from .comments import *  # noqa: F403
from .tasks import *  # noqa: F403
from .production import *  # noqa: F403
