"""Every action by its name in `POST /api/v1/actions/<action>` (contract §9)."""

from __future__ import annotations

from typing import Any

from backend.actions.action import Action
from backend.actions.apply import ApplyAction
from backend.actions.delete import DeleteAction
from backend.actions.drain import DrainAction
from backend.actions.patch_actions import CordonAction, PauseAction, RestartAction, ScaleAction
from backend.actions.rollouts import RollbackAction
from backend.actions.trigger import TriggerAction

ACTIONS: dict[str, Action[Any]] = {
    action.name: action
    for action in (
        DeleteAction(),
        ScaleAction(),
        RestartAction(),
        CordonAction("cordon", unschedulable=True),
        CordonAction("uncordon", unschedulable=False),
        DrainAction(),
        ApplyAction(),
        RollbackAction(),
        PauseAction("pause", paused=True),
        PauseAction("resume", paused=False),
        TriggerAction(),
    )
}
