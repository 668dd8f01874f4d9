# The app's first migration: the stored renderings' tables come in the ones after it.
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = []
    operations = []
