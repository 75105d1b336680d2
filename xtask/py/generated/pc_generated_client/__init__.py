"""A client library for accessing Partner Center customer onboarding"""

from .client import AuthenticatedClient, Client

__all__ = (
    "AuthenticatedClient",
    "Client",
)
