namespace LeBureau.ApiServer.LiveView;

/// <summary>
/// Recognises a person's input in the client's RFB traffic (pure): a websocket message that starts with a KeyEvent (4),
/// PointerEvent (5) or ClientCutText (6). noVNC sends each client message batch as one websocket message; requests for
/// screen updates (3), which a forgotten browser tab keeps sending, are not input.
/// </summary>
public static class RfbInput
{
    public static bool IsInput(ReadOnlySpan<byte> message) => message.Length > 0 && message[0] is 4 or 5 or 6;
}
