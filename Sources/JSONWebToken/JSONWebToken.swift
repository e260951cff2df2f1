// Placeholder until the JSONWebToken issue lands.
