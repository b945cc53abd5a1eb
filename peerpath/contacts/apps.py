from django.apps import AppConfig


class ContactsConfig(AppConfig):
    name = "peerpath.contacts"
    label = "contacts"
    verbose_name = "Contacts, accompanying and signposting"
