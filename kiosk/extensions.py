"""Extension singletons, bound to the app in create_app()."""

from flask_babel import Babel
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_socketio import SocketIO
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect

from kiosk.database import Model

# Objects stay readable after commit (a route renders what a service returned
# without reloading it); services re-read with populate_existing where it matters.
db = SQLAlchemy(model_class=Model, session_options={"expire_on_commit": False})
socketio = SocketIO()
babel = Babel()
csrf = CSRFProtect()
login_manager = LoginManager()
# Only the routes that name a limit are limited (failed logins); storage: kiosk.auth.limits.
limiter = Limiter(key_func=get_remote_address, strategy="moving-window")
