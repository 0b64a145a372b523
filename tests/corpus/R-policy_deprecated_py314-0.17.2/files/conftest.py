"""Python 3.14 deprecates asyncio's event loop policy functions. The suite runs on an older Python here, so the
functions are made to warn exactly as 3.14's do; the suite treats that warning as an error."""
import asyncio
import functools
import warnings


def _as_in_python_3_14(name):
    func = getattr(asyncio, name)

    @functools.wraps(func)
    def deprecated(*args, **kwargs):
        warnings.warn(f"'asyncio.{name}' is deprecated and slated for removal in Python 3.16",
                      DeprecationWarning, stacklevel=2)
        return func(*args, **kwargs)
    return deprecated


for _name in ("get_event_loop_policy", "set_event_loop_policy"):
    setattr(asyncio, _name, _as_in_python_3_14(_name))
