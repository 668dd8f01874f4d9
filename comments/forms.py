from django import forms

from .models import Comment


class CommentForm(forms.ModelForm):
    class Meta:
        model = Comment
        fields = ["name", "email", "body"]
        labels = {"body": "Comment"}
        help_texts = {
            "name": "Shown with your comment.",
            "email": "Never shown. We use it only if we need to reach you about your comment.",
            "body": "Plain text. A moderator reads every comment before it appears.",
        }
        error_messages = {
            "name": {"required": "Tell us the name to show with your comment."},
            "email": {"required": "Give an email address; it is never shown."},
            "body": {"required": "Write something before posting."},
        }
        widgets = {"body": forms.Textarea(attrs={"rows": 6})}
