"""Extension singletons, bound to the app in create_app()."""

from flask_babel import Babel
from flask_login import LoginManager
from flask_socketio import SocketIO
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect

from kiosk.database import Model, WritePathSession

# Objects stay readable after commit (a route renders what a service returned
# without reloading it); services re-read with populate_existing where it matters.
db = SQLAlchemy(model_class=Model, session_options={"expire_on_commit": False, "class_": WritePathSession})
socketio = SocketIO()
babel = Babel()
csrf = CSRFProtect()
login_manager = LoginManager()
