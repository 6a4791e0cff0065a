using System.Text.Json;
using LeBureau.DesktopAgent.Screen;
using LeBureau.DesktopAgent.X11;

namespace LeBureau.DesktopAgent.Input;

/// <summary>Validates input requests with the pure rules (bounds, scaling, key names) and sends them to the X thread.</summary>
internal sealed class InputService(XDisplay display)
{
    private const int MaxTextLength = 100_000;
    private const int MaxDelayMs = 60_000;

    public Task<ScreenSize> ScreenAsync(CancellationToken cancellationToken) =>
        display.InvokeAsync((session, _) => session.Size, cancellationToken);

    public async Task<Outcome<CursorPosition>> MoveAsync(MoveRequest request, CancellationToken cancellationToken)
    {
        var space = CoordinateSpace.For(await ScreenAsync(cancellationToken), request.Scaled);
        if (space.TryToScreen(request.X, request.Y, "x,y", out var error) is not { } target)
        {
            return Outcome<CursorPosition>.Fail(error!);
        }

        return await display.InvokeAsync(
            (session, _) =>
            {
                session.MovePointer(target.X, target.Y);
                return Cursor(session, space);
            },
            cancellationToken);
    }

    public async Task<Outcome<CursorPosition>> ClickAsync(ClickRequest request, CancellationToken cancellationToken)
    {
        if (request.Clicks is < 0 or > 100)
        {
            return Outcome<CursorPosition>.Fail($"clicks must be in 0..100, got {request.Clicks}");
        }

        var space = CoordinateSpace.For(await ScreenAsync(cancellationToken), request.Scaled);
        if (!TryOptionalPoint(request.X, request.Y, space, out var target, out var error))
        {
            return Outcome<CursorPosition>.Fail(error!);
        }

        var button = ButtonNumber(request.Button);
        return await display.InvokeAsync(
            (session, _) =>
            {
                if (target is { } point)
                {
                    session.MovePointer(point.X, point.Y);
                }

                switch (request.Action)
                {
                    case ClickAction.Down:
                        session.Button(button, down: true);
                        break;
                    case ClickAction.Up:
                        session.Button(button, down: false);
                        break;
                    default:
                        for (var i = 0; i < request.Clicks; i++)
                        {
                            session.Button(button, down: true);
                            session.Button(button, down: false);
                        }

                        break;
                }

                return Cursor(session, space);
            },
            cancellationToken);
    }

    public async Task<Outcome<CursorPosition>> DragAsync(DragRequest request, CancellationToken cancellationToken)
    {
        if (request.Steps is < 1 or > 1000)
        {
            return Outcome<CursorPosition>.Fail($"steps must be in 1..1000, got {request.Steps}");
        }

        if (request.DurationMs is < 0 or > MaxDelayMs)
        {
            return Outcome<CursorPosition>.Fail($"durationMs must be in 0..{MaxDelayMs}, got {request.DurationMs}");
        }

        var space = CoordinateSpace.For(await ScreenAsync(cancellationToken), request.Scaled);
        string? error = null;
        if (space.TryToScreen(request.Start.X, request.Start.Y, "start", out error) is not { } start
            || space.TryToScreen(request.End.X, request.End.Y, "end", out error) is not { } end)
        {
            return Outcome<CursorPosition>.Fail(error!);
        }

        var button = ButtonNumber(request.Button);
        await display.InvokeAsync(
            (session, _) =>
            {
                session.MovePointer(start.X, start.Y);
                session.Button(button, down: true);
                session.Sync();
                return true;
            },
            cancellationToken);
        try
        {
            var pause = TimeSpan.FromMilliseconds((double)request.DurationMs / request.Steps);
            for (var step = 1; step <= request.Steps; step++)
            {
                await Task.Delay(pause, cancellationToken);
                var x = start.X + ((end.X - start.X) * step / request.Steps);
                var y = start.Y + ((end.Y - start.Y) * step / request.Steps);
                await display.InvokeAsync(
                    (session, _) =>
                    {
                        session.MovePointer(x, y);
                        session.Sync();
                        return true;
                    },
                    cancellationToken);
            }
        }
        finally
        {
            // Released even when the caller went away: a button left down would wedge the desktop.
            await display.InvokeAsync(
                (session, _) =>
                {
                    session.Button(button, down: false);
                    session.Sync();
                    return true;
                },
                CancellationToken.None);
        }

        return await display.InvokeAsync((session, _) => Cursor(session, space), cancellationToken);
    }

    public async Task<Outcome<CursorPosition>> ScrollAsync(ScrollRequest request, CancellationToken cancellationToken)
    {
        if (request.Amount is < 0 or > 100)
        {
            return Outcome<CursorPosition>.Fail($"amount must be in 0..100, got {request.Amount}");
        }

        var space = CoordinateSpace.For(await ScreenAsync(cancellationToken), request.Scaled);
        if (!TryOptionalPoint(request.X, request.Y, space, out var target, out var error))
        {
            return Outcome<CursorPosition>.Fail(error!);
        }

        var button = request.Direction switch
        {
            ScrollDirection.Up => 4u,
            ScrollDirection.Down => 5u,
            ScrollDirection.Left => 6u,
            _ => 7u,
        };
        return await display.InvokeAsync(
            (session, _) =>
            {
                if (target is { } point)
                {
                    session.MovePointer(point.X, point.Y);
                }

                for (var i = 0; i < request.Amount; i++)
                {
                    session.Button(button, down: true);
                    session.Button(button, down: false);
                }

                return Cursor(session, space);
            },
            cancellationToken);
    }

    public async Task<Outcome<bool>> TypeAsync(TypeRequest request, CancellationToken cancellationToken)
    {
        if (request.Text.Length > MaxTextLength)
        {
            return Outcome<bool>.Fail($"text is {request.Text.Length} characters long; at most {MaxTextLength} are typed per request");
        }

        if (TextKeysyms.TryParse(request.Text, out var error) is not { } keysyms)
        {
            return Outcome<bool>.Fail(error!);
        }

        return await display.InvokeAsync(
            (_, keyboard) =>
            {
                keyboard.Type(keysyms);
                return true;
            },
            cancellationToken);
    }

    public async Task<Outcome<bool>> KeyAsync(KeyRequest request, CancellationToken cancellationToken)
    {
        if (request.HoldMs is < 0 or > MaxDelayMs)
        {
            return Outcome<bool>.Fail($"holdMs must be in 0..{MaxDelayMs}, got {request.HoldMs}");
        }

        if (request.HoldMs > 0 && request.Action != KeyAction.Press)
        {
            return Outcome<bool>.Fail("holdMs applies only to action press");
        }

        if (ComboText(request.Keys) is not { } combo)
        {
            return Outcome<bool>.Fail("keys must be a string like \"ctrl+c\" or an array of key names like [\"ctrl\", \"c\"]");
        }

        if (KeyNames.TryParseCombo(combo, XSession.ResolveKeysymName, out var error) is not { } keysyms)
        {
            return Outcome<bool>.Fail(error!);
        }

        var keycodes = await display.InvokeAsync((_, keyboard) => keyboard.ResolveCombo(keysyms), cancellationToken);
        if (request.Action != KeyAction.Up)
        {
            await SendKeysAsync(keycodes, down: true, cancellationToken);
        }

        if (request.Action == KeyAction.Press)
        {
            try
            {
                if (request.HoldMs > 0)
                {
                    await Task.Delay(request.HoldMs, cancellationToken);
                }
            }
            finally
            {
                await SendKeysAsync(keycodes.Reverse().ToList(), down: false, CancellationToken.None);
            }
        }
        else if (request.Action == KeyAction.Up)
        {
            await SendKeysAsync(keycodes.Reverse().ToList(), down: false, cancellationToken);
        }

        return true;
    }

    public static async Task<Outcome<bool>> WaitAsync(WaitRequest request, CancellationToken cancellationToken)
    {
        if (request.Ms is < 0 or > MaxDelayMs)
        {
            return Outcome<bool>.Fail($"ms must be in 0..{MaxDelayMs}, got {request.Ms}");
        }

        await Task.Delay(request.Ms, cancellationToken);
        return true;
    }

    public async Task<CursorPosition> CursorAsync(bool scaled, CancellationToken cancellationToken)
    {
        var space = CoordinateSpace.For(await ScreenAsync(cancellationToken), scaled);
        return await display.InvokeAsync((session, _) => Cursor(session, space), cancellationToken);
    }

    private Task<bool> SendKeysAsync(IReadOnlyList<int> keycodes, bool down, CancellationToken cancellationToken) =>
        display.InvokeAsync(
            (session, _) =>
            {
                foreach (var keycode in keycodes)
                {
                    session.Key(keycode, down);
                }

                session.Sync();
                return true;
            },
            cancellationToken);

    private static CursorPosition Cursor(XSession session, CoordinateSpace space)
    {
        session.Sync();
        var (x, y) = session.QueryPointer();
        var (vx, vy) = space.FromScreen(x, y);
        return new CursorPosition(vx, vy, space.IsScaled);
    }

    private static bool TryOptionalPoint(int? x, int? y, CoordinateSpace space, out (int X, int Y)? target, out string? error)
    {
        target = null;
        error = null;
        if (x is null && y is null)
        {
            return true;
        }

        if (x is not { } px || y is not { } py)
        {
            error = "x and y must be given together";
            return false;
        }

        target = space.TryToScreen(px, py, "x,y", out error);
        return target is not null;
    }

    private static uint ButtonNumber(MouseButton button) => button switch
    {
        MouseButton.Right => 3u,
        MouseButton.Middle => 2u,
        _ => 1u,
    };

    private static string? ComboText(JsonElement keys) => keys.ValueKind switch
    {
        JsonValueKind.String => keys.GetString(),
        JsonValueKind.Array when keys.GetArrayLength() > 0 && keys.EnumerateArray().All(k => k.ValueKind == JsonValueKind.String) =>
            string.Join('+', keys.EnumerateArray().Select(k => k.GetString())),
        _ => null,
    };
}
