/** The few parts of pngjs (an example's devDependency, no types shipped) that the tests use. */
declare module "pngjs" {
  export class PNG {
    constructor(options: { width: number; height: number });
    width: number;
    height: number;
    /** 8-bit RGBA, row by row. */
    data: Buffer;
    static sync: {
      read(buffer: Buffer): PNG;
      /** colorType: 0 grey, 2 RGB, 4 grey + alpha, 6 RGBA (the input is always RGBA). */
      write(png: PNG, options?: { colorType?: 0 | 2 | 4 | 6 }): Buffer;
    };
  }
}
