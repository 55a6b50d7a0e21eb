namespace SensorNode.Flashing;

/// <summary>What the user asked for; null values fall back to nf.config.</summary>
public sealed class FlashOptions
{
    /// <summary>Board id (file name under boards/ without .json); null: nf.config's defaultBoard.</summary>
    public string? Board { get; set; }

    /// <summary>Serial port; null: nf.config's serialPort.</summary>
    public string? SerialPort { get; set; }

    /// <summary>Skip writing the nanoFramework firmware (nanoCLR) and only deploy the application.</summary>
    public bool SkipFirmware { get; set; }

    /// <summary>Skip deploying the application image.</summary>
    public bool SkipDeploy { get; set; }

    /// <summary>Skip copying the board profile to the device.</summary>
    public bool SkipBoardFile { get; set; }

    /// <summary>Erase the whole flash before writing the firmware (also erases I:\ and stored Wi-Fi settings).</summary>
    public bool MassErase { get; set; }

    /// <summary>Folder for the generated file-deployment JSON; null: the system temp folder.</summary>
    public string? WorkDirectory { get; set; }
}
