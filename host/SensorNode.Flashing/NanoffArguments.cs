using System.Text.RegularExpressions;

namespace SensorNode.Flashing;

/// <summary>Checks of the values that go into nanoff arguments.</summary>
public static partial class NanoffArguments
{
    /// <summary>A nanoFramework target name as nanoff lists them (letters, digits, '_' and '.').</summary>
    public static void ValidateTarget(string target, string what)
    {
        if (!TargetPattern().IsMatch(target))
        {
            throw new FlashConfigurationException($"{what} \"{target}\" is not a nanoff target name (see `nanoff --listtargets --platform esp32`).");
        }
    }

    /// <summary>COMn on Windows, a /dev/tty* or /dev/cu.* device elsewhere.</summary>
    public static void ValidateSerialPort(string port, string what)
    {
        if (!SerialPortPattern().IsMatch(port))
        {
            throw new FlashConfigurationException(
                $"{what} \"{port}\" is not a serial port (COM3, /dev/ttyUSB0, /dev/ttyACM0, /dev/cu.usbserial-0001; `nanoff --listports` lists them).");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_.]{2,40}$")]
    private static partial Regex TargetPattern();

    [GeneratedRegex(@"^(COM[1-9][0-9]{0,2}|/dev/(tty|cu)[A-Za-z0-9._-]{1,40})$")]
    private static partial Regex SerialPortPattern();
}
