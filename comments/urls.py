from django.urls import path

from . import views

app_name = "comments"

# Included at the root: the pages of an article's comments live under the article's address.
urlpatterns = [
    path("comments/post/<int:article_id>/", views.post_comment, name="post"),
    path("comments/<int:comment_id>/reply/", views.reply, name="reply"),
    path("comments/<int:comment_id>/flag/", views.flag, name="flag"),
    path("comments/mute/<str:token>/", views.mute, name="mute"),
    path("comments/form-token/", views.form_token, name="token"),
    path("articles/<slug:slug>/comments/page/<int:page>/", views.thread_page, name="page"),
]
