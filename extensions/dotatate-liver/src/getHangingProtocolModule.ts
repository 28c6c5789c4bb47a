import { createPetCtProtocol } from './hangingProtocol/petCtProtocol';
import { id } from './id';

/** Protocol id in OHIF's naming scheme: `<extension id>.hangingProtocolModule.<name>`. */
export const PET_CT_PROTOCOL_ID = `${id}.hangingProtocolModule.petCt`;

/** OHIF hanging protocol module; OHIF registers each protocol under its `name`. */
function getHangingProtocolModule() {
  return [{ name: PET_CT_PROTOCOL_ID, protocol: createPetCtProtocol(PET_CT_PROTOCOL_ID) }];
}

export default getHangingProtocolModule;
