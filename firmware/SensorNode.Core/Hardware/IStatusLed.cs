namespace SensorNode.Core.Hardware
{
    public interface IStatusLed
    {
        void Set(bool on);
    }
}
