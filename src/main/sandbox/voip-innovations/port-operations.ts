/**
 * The port methods of the VoIP Innovations Back Office API: isPortable (3.8) and getPortDetails (3.10),
 * both answering a PortResponse shaped like is_portable.xml and get_port_details.xml.
 */
import { nil, soapAnswer, textField, type OutNode } from './envelope'
import { successCode, successMessage, type OperationHandler } from './responses'
import { dotNetDate } from './state'

/**
 * No code is documented for an unknown port id; the sandbox follows the DID methods' pattern, where
 * codes ending in 420 mean "could not find" (104420, 105420, 106420...).
 */
export const portNotFoundCode = 420

const dateOrNil = (at: number | undefined): OutNode | string => (at === undefined ? nil : dotNetDate(at))

/** 3.8 isPortable: `IsPortable` plus the empty PortDetails the service writes (is_portable.xml). */
export const isPortable: OperationHandler = ({ state }, params) => {
  const tn = textField(params, 'tn').replace(/\D/g, '').replace(/^1(?=\d{10}$)/, '')
  return soapAnswer('isPortable', {
    responseCode: successCode,
    responseMessage: successMessage,
    PortDetails: { id: 0, submittedDate: nil, focDate: nil, requestedFocDate: nil, defaultEndpointGroup: nil },
    IsPortable: state.isPortable(tn),
  })
}

/** 3.10 getPortDetails: the order's status and dates as they stand at the simulated time. */
export const getPortDetails: OperationHandler = ({ state }, params) => {
  const id = Number.parseInt(textField(params, 'portId'), 10)
  const order = Number.isInteger(id) ? state.port(id) : undefined
  if (!order) {
    return soapAnswer('getPortDetails', {
      responseCode: portNotFoundCode,
      responseMessage: `Could not find port ${textField(params, 'portId')}`,
      IsPortable: false,
    })
  }
  const progress = state.portProgress(order)
  return soapAnswer('getPortDetails', {
    responseCode: successCode,
    responseMessage: successMessage,
    PortDetails: {
      id: order.id,
      status: progress.status,
      endUser: order.endUser,
      billingTN: order.billingTN,
      portingFrom: order.portingFrom,
      submittedDate: dateOrNil(progress.submittedDate),
      focDate: dateOrNil(progress.focDate),
      requestedFocDate: dateOrNil(progress.requestedFocDate),
      dids: {
        PortDID: order.dids.map((did) => ({
          tn: did.facts.tn,
          tier: did.traits.tier,
          rateCenter: did.facts.rateCenter,
          state: did.facts.state,
          lata: did.facts.lata,
          endpointGroup: order.defaultEndpointGroup,
          cnam: did.cnam,
          e911: did.e911,
        })),
      },
      defaultEndpointGroup: order.defaultEndpointGroup,
    },
    // get_port_details.xml answers false here: the numbers of an existing order are already being ported.
    IsPortable: false,
  })
}
