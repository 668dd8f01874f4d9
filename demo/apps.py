from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo content written for this project, and `manage.py load_demo`."""

    name = "demo"
