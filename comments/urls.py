from django.urls import path

from . import views

app_name = "comments"

urlpatterns = [
    path("post/<int:article_id>/", views.post_comment, name="post"),
    path("<int:comment_id>/reply/", views.reply, name="reply"),
    path("<int:comment_id>/flag/", views.flag, name="flag"),
    path("mute/<str:token>/", views.mute, name="mute"),
    path("form-token/", views.form_token, name="token"),
]
