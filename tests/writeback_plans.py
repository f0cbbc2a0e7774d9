"""Plans the write-back tests edit: one in block style, one in flow style, with comments to keep.

Shared by tests/cli/test_writeback.py (the commands) and tests/test_edit_verify.py (the core).
"""

HEAD = """\
# ACME's plan
asplan: 1
account: {id: acme, name: ACME, tier: low, manager: ana}   # strategic next year
people:
  - {id: ana, name: Ana, side: provider}
  - {id: bo, name: Bo, side: client}
"""

BLOCK = HEAD + """\
objectives:
  - id: OBJ-1
    title: Fewer incidents   # agreed in June
    owner: ana
    kpis:
      - id: KPI-1
        name: Incidents
        baseline: 10
        target: 2
        direction: decrease
        frequency: monthly
        measurements:
          - date: 2026-09-30
            value: 6   # after the patch
          - date: 2026-10-31
            value: 5

        # the November figure comes from the NOC
      - id: KPI-2
        name: Satisfaction
    milestones:
      - id: PILOT
        title: Pilot
        due: 2026-10-30
      - title: Roll-out
        due: 2027-01-31
actions:
  - id: ACT-1
    title: Patch the cluster
    owner: ana
    due: 2026-11-15
    status: in_progress   # waiting for the window
    notes: |
      Two windows booked.

  - id: ACT-2
    title: Train the NOC
    due: 2026-12-15
slas:
  - id: SLA-1
    name: Availability
    target: ">= 99.9%"
    penalty: Credits.
    measurements:
      - period: 2026-09
        value: 99.95
communication:
  - id: call
    name: Weekly call
    every: weekly
    last: 2026-11-16   # Monday
  - name: Monthly report
    every: monthly

# --- risks ---
risks: []
"""

FLOW = HEAD + """\
objectives:
  - {id: OBJ-1, title: Fewer incidents, owner: ana,
     kpis: [{id: KPI-1, name: Incidents, baseline: 10, target: 2, direction: decrease,
             measurements: [{date: 2026-09-30, value: 6}, {date: 2026-10-31, value: 5}]},
            {id: KPI-2, name: Satisfaction, measurements: []}],
     milestones: [{id: PILOT, title: Pilot, due: 2026-10-30}, {title: Roll-out, due: 2027-01-31}]}
actions:
  - {id: ACT-1, title: Patch the cluster, owner: ana, due: 2026-11-15, status: in_progress}  # window
  - {id: ACT-2, title: Train the NOC, due: 2026-12-15}
slas:
  - {id: SLA-1, name: Availability, target: ">= 99.9%", penalty: Credits.}
communication:
  - {id: call, name: Weekly call, every: weekly, last: 2026-11-16}  # Monday
  - {name: Monthly report, every: monthly}
"""
