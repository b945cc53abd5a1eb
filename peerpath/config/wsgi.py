from django.core.wsgi import get_wsgi_application

from peerpath.config.env import use_settings_for_environment

use_settings_for_environment()
application = get_wsgi_application()
