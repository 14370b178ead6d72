"""Helpers shared by the StockLakehouse DAGs: configuration, generated artefacts, alerting.

Standard library only (no Airflow import at module level), so tests/dags imports them without Airflow.
They carry no business logic: everything the pipeline computes lives in the C# jobs, and every SQL text and
job configuration comes from dags/generated/ (written by `lakehouse artifacts`).
"""
