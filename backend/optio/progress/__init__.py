"""A student's progression: levels and pillar mastery (more of issue 18 to come)."""
